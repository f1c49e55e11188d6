"""The beheerder uploads a logo on the house-style page, on a phone: it shows, a bad file gets its
message beside the field, the page passes axe and fits 390 pixels."""
import pytest

from tests.browser.conftest import duplicate_ids, login, serious_violations, sideways_overflow
from tests.exports.images import png_bytes

pytestmark = pytest.mark.browser


def test_logo_upload_on_a_phone(phone):
    login(phone, "beheerder@spitsregio.be")
    phone.goto("/bodies/toekomstforum-mobiliteit/house-style")
    field = phone.get_by_label("Logo (PNG of JPEG)")
    field.set_input_files({"name": "logo.png", "mimeType": "image/png", "buffer": b"not an image"})
    phone.get_by_role("button", name="Logo opladen").click()
    assert phone.get_by_role("alert").filter(has_text="Dit is geen PNG- of JPEG-afbeelding.").is_visible()
    assert serious_violations(phone) == [] and sideways_overflow(phone) <= 0 and duplicate_ids(phone) == []
    phone.get_by_label("Logo (PNG of JPEG)").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": png_bytes(300, 100)})
    phone.get_by_role("button", name="Logo opladen").click()
    assert phone.get_by_text("Het logo is opgeladen.").is_visible()
    logo = phone.get_by_role("img", name="Huidig logo van")
    assert logo.evaluate("img => img.complete && img.naturalWidth") == 300
    assert serious_violations(phone) == [] and sideways_overflow(phone) <= 0 and duplicate_ids(phone) == []
    phone.get_by_role("button", name="Logo verwijderen").click()
    assert phone.get_by_text("Het logo is verwijderd.").is_visible()

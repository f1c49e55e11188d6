"""The favicon: linked from every page and answered at /favicon.ico, where browsers ask for it."""
import re


def test_favicon_ico_is_an_image(client, seeded):
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype.startswith("image/")
        data = response.get_data()
    assert data[:4] == b"\x00\x00\x01\x00"  # an ICO header
    assert b"\x89PNG" in data[:64]  # holding a PNG


def test_the_layout_links_an_svg_and_a_png_icon_that_exist(client, seeded):
    page = client.get("/").get_data(as_text=True)
    icons = re.findall(r'<link rel="icon" href="([^"]+)"[^>]*type="([^"]+)"', page)
    assert [kind for _href, kind in icons] == ["image/svg+xml", "image/png"]
    for href, kind in icons:
        with client.get(href) as response:
            assert response.status_code == 200 and response.mimetype == kind, href
            data = response.get_data()
        assert data.startswith(b"<svg" if kind == "image/svg+xml" else b"\x89PNG"), href

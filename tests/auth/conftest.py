"""The account mails travel through the same loopback SMTP server as the mail tests (aiosmtpd):
its fixtures are shared from there, unchanged."""
import re

import pytest

from tests.mail.conftest import smtp, smtp_server  # noqa: F401  (fixtures)

LINK = re.compile(r"https?://\S+/password/choose/\S+")


@pytest.fixture
def link_in():
    """link_in(message) -> the path of the one-time link in a received mail's plain text."""

    def find(message) -> str:
        text = message.get_body(("plain",)).get_content()
        found = LINK.findall(text)
        assert len(found) == 1, text
        return "/" + found[0].split("/", 3)[3]

    return find

"""Every link a user is shown works: crawl the site as each kind of demo user, with the full demo
data, and expect no server error and no link leading to a refusal."""
import re
from urllib.parse import urljoin, urlsplit

import pytest

from app.seed import DEMO_PASSWORD

pytestmark = pytest.mark.slow  # the full demo data, every page for five kinds of user

HREF = re.compile(r'href="([^"#]+)"')
SKIP = ("/static/", "/logout", "/language/")
MAX_PAGES = 400


@pytest.fixture
def demo(app):
    from app.seed import seed_demo

    app.config["SEED_DEMO_MEETINGS"] = True
    # Every meeting page links its pack (pack.pdf): build those without LibreOffice here, a few
    # seconds each otherwise (tests/exports converts for real).
    app.config["SOFFICE_PATH"] = ""
    seed_demo()
    return app


def crawl(client, cache_control: dict | None = None) -> dict[str, int]:
    """url -> status of every page reachable from /; `cache_control` collects url -> the header."""
    seen, queue = {}, ["/"]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if cache_control is not None:
            cache_control[url] = response.headers.get("Cache-Control")
        html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        response.close()
        if response.status_code != 200:
            continue
        for href in HREF.findall(html):
            href = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/") or href.startswith(SKIP):
                continue
            if href not in seen and href not in queue:
                queue.append(href)
    return seen


@pytest.mark.parametrize("email", [
    None,
    "lid@spitsregio.be",
    "voorzitter@spitsregio.be",
    "secretaris@spitsregio.be",
    "beheerder@spitsregio.be",
])
def test_every_shown_link_works(demo, client, email):
    if email:
        client.login(email, DEMO_PASSWORD)
    cache_control = {}
    pages = crawl(client, cache_control)
    assert len(pages) > 10
    broken = {url: status for url, status in pages.items()
              if status >= 500 or (status in (403, 404) and url != "/")}
    assert broken == {}
    expected = "private, no-store" if email else "no-cache"
    if email:  # what a member sees is kept by no cache; anonymous pages only when revalidated
        assert {url: header for url, header in cache_control.items() if header != expected} == {}
    else:
        assert {url: header for url, header in cache_control.items()
                if header not in (expected, "public, max-age=0")} == {}

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
    seed_demo()
    return app


def crawl(client) -> dict[str, int]:
    seen, queue = {}, ["/"]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
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
    pages = crawl(client)
    assert len(pages) > 10
    broken = {url: status for url, status in pages.items()
              if status >= 500 or (status in (403, 404) and url != "/")}
    assert broken == {}

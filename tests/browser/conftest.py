"""Browser tests: a real server (gunicorn, its own SQLite instance with the demo data) and Debian's
Chromium driven by Playwright. Playwright never downloads a browser of its own."""
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "screenshots"
ROOT = Path(__file__).resolve().parents[2]
# Without these, Chromium keeps calling home, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DEMO_PASSWORD = "spitsregio-demo"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app served by gunicorn on a free port, with a fresh instance holding the demo data."""
    instance = tmp_path_factory.mktemp("live-instance")
    env = {
        **os.environ,
        "SPITSREGIO_INSTANCE": str(instance),
        "SECRET_KEY": "browser-test-secret",
        "DATABASE_URL": f"sqlite:///{instance / 'spitsregio.sqlite'}",
    }
    env.pop("TEST_DATABASE_URL", None)
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    subprocess.run([*flask, "db", "upgrade"], env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([*flask, "seed-demo"], env=env, cwd=ROOT, check=True, capture_output=True)
    port = _free_port()
    log = open(instance / "server.log", "wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise RuntimeError("the server did not start:\n" + (instance / "server.log").read_text())
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: `make test` installs it"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="nl-BE", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server, locale="nl-BE",
                                  viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def login(page, email: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(lambda url: "/login" not in url)


def open_menu(page) -> None:
    """Unfold the header's menu where a phone folds it (behind "Menu"); wider, it is always open."""
    toggle = page.locator(".site-menu > summary")
    if toggle.is_visible() and page.locator(".site-menu[open]").count() == 0:
        toggle.click()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def serious_violations(page) -> list[dict]:
    """axe-core violations of impact serious or critical on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def sideways_overflow(page) -> int:
    """How many pixels the page itself scrolls sideways (wide tables scroll inside their wrapper)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def duplicate_ids(page) -> list[str]:
    """Ids used more than once: a label or aria reference to one of them may point at the wrong
    element (axe-core only reports this when an aria attribute refers to the id)."""
    return page.evaluate("""() => {
        const seen = {}, twice = new Set();
        for (const el of document.querySelectorAll('[id]')) {
            if (seen[el.id]) twice.add(el.id); seen[el.id] = true;
        }
        return [...twice].sort();
    }""")


def new_page(browser, live_server, *, phone: bool = False, **options):
    """A page in a fresh context (its own cookies); the caller closes `page.context`."""
    if phone:
        options.update(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context = browser.new_context(base_url=live_server, locale="nl-BE", accept_downloads=True, **options)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def confirm(page, button: str) -> None:
    """Click a meeting's workflow button and confirm on the page that asks first."""
    from playwright.sync_api import expect  # as the fixtures: playwright only once a browser test runs

    page.get_by_role("button", name=button, exact=True).click()
    expect(page.get_by_role("heading", name=f"{button}?")).to_be_visible()
    page.get_by_role("button", name=f"Bevestigen: {button}").click()
    page.wait_for_url(re.compile(r"/meetings/\d+(#.*)?$"))


def plan_held_meeting(page, title: str, days_ago: int, public: bool = False) -> str:
    """As the signed-in secretary: an extra Taskforce meeting `days_ago` days ago, its agenda
    published and the meeting held; returns its URL."""
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vergaderingen").click()
    page.get_by_role("heading", name="Taskforce Spitsregio Leuven").get_by_role("link").click()
    page.get_by_role("link", name="Vergadering plannen").click()
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Datum").fill((date.today() - timedelta(days=days_ago)).isoformat())
    page.get_by_label("Begin").fill("14:00")
    page.get_by_label("Einde").fill("16:00")
    if public:
        page.get_by_label("Agenda publiek zodra gepubliceerd").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/meetings/\d+$"))
    url = page.url
    confirm(page, "Agenda publiceren")
    confirm(page, "Vergadering gehouden")
    return url


def first_link(container, pattern: str = ""):
    """The first link in `container` whose href contains `pattern`."""
    return container.locator(f'a[href*="{pattern}"]').first


@pytest.fixture(scope="session")
def main_pages(browser, live_server):
    """Every main page, reached the way a user reaches it: by following links, never by guessing
    ids. Returns {name: path} for the secretary, the beheerder and the anonymous visitor."""
    from urllib.parse import urlsplit

    def here(page):
        parts = urlsplit(page.url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    pages = {"secretary": {}, "admin": {}, "anonymous": {}}
    page = new_page(browser, live_server)
    try:
        login(page, "secretaris@spitsregio.be")
        found = pages["secretary"]
        found["start"] = here(page) if urlsplit(page.url).path == "/" else "/"
        nav = page.get_by_role("navigation", name="Hoofdmenu")
        nav.get_by_role("link", name="Vergaderingen").click()
        found["meetings"] = here(page)
        page.get_by_role("heading", name="Taskforce Spitsregio Leuven").get_by_role("link").click()
        found["body"] = here(page)
        body = here(page)
        upcoming = page.locator("section", has=page.get_by_role("heading", name="Komende vergaderingen"))
        first_link(upcoming, "/meetings/").click()
        found["meeting"] = here(page)
        page.get_by_role("link", name="Agendapunt toevoegen").click()
        found["agenda item form"] = here(page)
        page.go_back()
        page.locator(".actions-bar").get_by_role("link", name="Aanwezigheden").click()
        found["attendance"] = here(page)
        page.goto(body)
        past = page.locator("section", has=page.get_by_role("heading", name="Voorbije vergaderingen"))
        first_link(past, "/meetings/").click()
        found["past meeting"] = here(page)
        page.get_by_role("link", name="Verslag en besluiten", exact=True).click()
        found["minutes"] = here(page)
        page.get_by_role("link", name="Verslag en besluiten van dit punt schrijven").first.click()
        found["minutes editor"] = here(page)
        nav.get_by_role("link", name="Besluiten").click()
        found["decisions"] = here(page)
        first_link(page.locator("table"), "/decisions/").click()
        found["decision"] = here(page)
        nav.get_by_role("link", name="Acties").click()
        found["action dashboard"] = here(page)
        first_link(page.locator("table").first, "/actions/").click()
        found["action"] = here(page)
        page.locator("main").get_by_role("link", name="Acties", exact=True).click()
        page.locator("main").get_by_role("link", name="Doelstellingen").click()
        found["objectives"] = here(page)
        nav.get_by_role("link", name="Documenten").click()
        found["documents"] = here(page)
        documents = page.locator("table a[href*='/documents/']:not([href*='folder'])")
        if documents.count() == 0:
            page.locator(".folder-tree a").first.click()
        page.locator("table a[href*='/documents/']:not([href*='folder'])").first.click()
        found["document"] = here(page)
        page.get_by_role("searchbox", name="Zoeken").fill("mobiliteit")
        page.get_by_role("search").get_by_role("button", name="Zoeken").click()
        found["search results"] = here(page)
        page.context.clear_cookies()

        login(page, "beheerder@spitsregio.be")
        found = pages["admin"]
        nav.get_by_role("link", name="Beheer").click()
        found["admin"] = here(page)
        admin_nav = page.get_by_role("navigation", name="Beheer")
        admin_nav.get_by_role("link", name="Gebruikers").click()
        found["admin users"] = here(page)
        page.get_by_role("link", name="Lieve Lid").click()
        found["admin user"] = here(page)
        admin_nav.get_by_role("link", name="Organisaties").click()
        found["admin organisations"] = here(page)
        admin_nav.get_by_role("link", name="Organen").click()
        found["admin bodies"] = here(page)
        page.get_by_role("link", name="Taskforce Spitsregio Leuven").first.click()
        found["admin body"] = here(page)
        tabs = page.get_by_role("navigation", name="Orgaan Taskforce Spitsregio Leuven")
        tabs.get_by_role("link", name="Leden").click()
        found["admin members"] = here(page)
        tabs.get_by_role("link", name="Vaste agendapunten").click()
        found["admin fixed items"] = here(page)
        page.context.clear_cookies()

        found = pages["anonymous"]
        page.goto("/")
        found["start"] = "/"
        page.get_by_role("link", name="Aanmelden").click()
        found["login"] = here(page)
        page.goto("/")
        nav.get_by_role("link", name="Vergaderingen").click()
        found["meetings"] = here(page)
        first_link(page.locator("main .card-list"), "/meetings/").click()
        found["meeting"] = here(page)
        nav.get_by_role("link", name="Besluiten").click()
        found["decisions"] = here(page)
        nav.get_by_role("link", name="Documenten").click()
        page.get_by_role("navigation", name="Mappen").get_by_role("link").first.click()
        page.locator("table a[href*='/documents/']:not([href*='folder'])").first.click()
        found["document"] = here(page)
    finally:
        page.context.close()
    return pages

"""Configuration: environment first, safe defaults for a laptop."""
import os
import secrets
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def instance_path() -> Path:
    """The instance folder: database, search index, uploads, secret key."""
    return Path(os.environ.get("SPITSREGIO_INSTANCE", BASE_DIR / "instance")).resolve()


def load_or_create_secret_key(folder: Path) -> str:
    """SECRET_KEY from the environment, else generated once into the instance folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    folder.mkdir(parents=True, exist_ok=True)
    key_file = folder / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def instance_defaults(folder: Path) -> dict:
    """Settings that live in the instance folder unless the environment says otherwise."""
    return {
        "SQLALCHEMY_DATABASE_URI": os.environ.get("DATABASE_URL") or f"sqlite:///{folder / 'spitsregio.sqlite'}",
        "SEARCH_INDEX_PATH": os.environ.get("SEARCH_INDEX_PATH") or str(folder / "search-index"),
        "UPLOAD_PATH": os.environ.get("UPLOAD_PATH") or str(folder / "uploads"),
    }


class Config:
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    # Uploads and long minutes: a cap on the request, room for long text fields.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 25 * 1024 * 1024))
    MAX_FORM_MEMORY_SIZE = 5 * 1024 * 1024

    # A minute-taker keeps a form open for hours: tie the CSRF token to the session, not the clock.
    WTF_CSRF_TIME_LIMIT = None

    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Brussels"
    LANGUAGES = ("nl", "en")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "0") == "1"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)

    API_TOKEN_LIFETIME = timedelta(days=30)
    #: after this many failed logins in a row, each further attempt waits longer
    LOGIN_FREE_ATTEMPTS = 5
    BEHIND_PROXY = os.environ.get("BEHIND_PROXY", "0") == "1"
    #: "whoosh" (an index folder in the instance, one per host) or "postgres" (full-text search in
    #: the PostgreSQL database, shared by every app host)
    SEARCH_BACKEND = os.environ.get("SEARCH_BACKEND", "whoosh")

    #: the public address of the site, for links in mails and feeds
    BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    # Mail, named as Flask's ecosystem names it. Without MAIL_SERVER mails become .eml files in
    # instance/mail/, shown to the beheerder on "Verzonden berichten".
    MAIL_SERVER = os.environ.get("MAIL_SERVER") or None
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 25))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "0") == "1"
    MAIL_USE_SSL = os.environ.get("MAIL_USE_SSL", "0") == "1"
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Spitsregio <noreply@spitsregio.be>")
    MAIL_TIMEOUT = int(os.environ.get("MAIL_TIMEOUT", 15))
    #: "background" (a thread right after the commit), "inline" (in the request: tests), "off" (cron only)
    MAIL_DELIVERY = os.environ.get("MAIL_DELIVERY", "background")
    #: after this many failed attempts (transient errors, backing off up to 6 hours) a mail is failed
    MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", 10))


class DevelopmentConfig(Config):
    DEBUG = False


class TestingConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = True
    MAIL_SERVER = None
    MAIL_DELIVERY = "inline"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "1") == "1"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}

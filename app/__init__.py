"""Spitsregio: the application factory."""
import os
from pathlib import Path

from flask import Flask, has_request_context, request, session
from flask_login import current_user

from app.core.dates import regional_locale
from config import CONFIGS, instance_defaults, instance_path, load_or_create_secret_key


def create_app(config_name: str | None = None, test_config: dict | None = None) -> Flask:
    config_name = config_name or os.environ.get("SPITSREGIO_CONFIG", "development")
    test_config = test_config or {}
    folder = Path(test_config.get("INSTANCE_PATH") or instance_path())
    app = Flask(__name__, instance_path=str(folder), instance_relative_config=True)
    app.config.from_object(CONFIGS[config_name])
    app.config.update(instance_defaults(folder))
    app.config.update(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_or_create_secret_key(Path(app.instance_path))
    if app.config.get("BEHIND_PROXY"):
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    _init_extensions(app)
    _register_blueprints(app)
    _register_template_helpers(app)
    _register_security_headers(app)

    from app.core.errors import register_error_handlers
    register_error_handlers(app)

    from app.cli import register_cli
    register_cli(app)
    return app


def _select_locale():
    """The UI language, as its regional locale: the catalogue is the language's ("en_GB" finds
    "en"), the date formats the region's (see app.core.dates)."""
    return regional_locale(_select_language())


def _select_language():
    languages = ("nl", "en")
    if not has_request_context():  # the CLI and background work speak the default language
        return "nl"
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages, default="nl") if request else "nl"


def _init_extensions(app: Flask) -> None:
    from app import models  # noqa: F401  (every model registered before migrations look)
    from app.extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(os.path.dirname(os.path.dirname(__file__)), "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=_select_locale, default_translation_directories="translations")
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    login_manager.session_protection = "strong"

    from app.auth.models import User
    from app.auth.services import user_for_token

    @login_manager.user_loader
    def load_user(user_id: str):
        user = db.session.get(User, int(user_id))
        return user if user is not None and user.active else None

    @login_manager.request_loader
    def load_user_from_token(req):
        header = req.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return user_for_token(header[len("Bearer "):].strip())
        return None


def _register_blueprints(app: Flask) -> None:
    from app.admin import bp as admin_bp
    from app.api import bp as api_bp
    from app.auth import bp as auth_bp
    from app.decisions import actions_bp, bp as decisions_bp
    from app.documents import bp as documents_bp
    from app.extensions import csrf
    from app.main import bp as main_bp
    from app.meetings import bp as meetings_bp
    from app.notify import bp as notify_bp, init_app as init_notify
    from app.proposals import bp as proposals_bp
    from app.record import bp as minutes_bp
    from app.mail import bp as mail_bp, init_app as init_mail
    from app.search import bp as search_bp, init_app as init_search

    for blueprint in (main_bp, auth_bp, meetings_bp, documents_bp, search_bp, minutes_bp, decisions_bp,
                      actions_bp, notify_bp, proposals_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(admin_bp, url_prefix="/admin")
    app.register_blueprint(mail_bp, url_prefix="/admin/mail")
    csrf.exempt(api_bp)  # the API authenticates with bearer tokens only (see app/api/__init__.py)
    app.register_blueprint(api_bp, url_prefix="/api")
    init_search(app)  # the indexable types and the session hooks; nothing is written at start
    init_mail(app)  # SMTP settings, the outbox's delivery after commit, `send-mail`
    init_notify(app)  # what is mailed on which event, `send-reminders`


def _register_template_helpers(app: Flask) -> None:
    from flask_babel import get_locale
    from flask_babel import lazy_gettext as _l

    from app.core.dates import local_date, local_datetime
    from app.core.markdown import render_markdown
    from app.core.permissions import MANAGE, can

    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["local_datetime"] = local_datetime
    app.jinja_env.filters["local_date"] = local_date

    # The main menu; some entries only for the logged-in or the beheerder.
    menu = (
        ("main.index", _l("Start"), None),
        ("meetings.index", _l("Vergaderingen"), None),
        ("decisions.index", _l("Besluiten"), None),
        ("actions.dashboard", _l("Acties"), "authenticated"),
        ("documents.index", _l("Documenten"), None),
        ("admin.index", _l("Beheer"), MANAGE),
    )

    def nav_items():
        items = []
        for endpoint, label, needs in menu:
            if needs == "authenticated" and not current_user.is_authenticated:
                continue
            if needs == MANAGE and not can(current_user, MANAGE):
                continue
            items.append((endpoint, label))
        return items

    @app.context_processor
    def inject_helpers():
        return {
            "can": lambda permission, obj=None: can(current_user, permission, obj),
            "current_locale": get_locale().language,  # the page's language: "nl" or "en"
            "nav_items": nav_items,
        }


def _register_security_headers(app: Flask) -> None:
    @app.after_request
    def set_security_headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
        )
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if request.endpoint != "static":
            _set_cache_headers(response)
        return response


def _set_cache_headers(response) -> None:
    """What a signed-in user sees (pages, API answers, exports, feeds) is for that user alone: no
    browser or proxy keeps it. Every answer depends on who asks, so caches key on the session cookie
    and the bearer token. What an anonymous visitor sees may be cached, but revalidated first
    (content gets published and withdrawn)."""
    response.vary.update(("Cookie", "Authorization"))
    signed_in = "Authorization" in request.headers or session.get("_user_id") is not None
    if signed_in or request.path.startswith("/api/"):
        response.headers["Cache-Control"] = "private, no-store"
    elif "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-cache"

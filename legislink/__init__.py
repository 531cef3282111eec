"""LegisLink: public comment on law drafts for grassroots legislative contact points."""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

from . import config as config_module

PACKAGE_DIR = Path(__file__).resolve().parent


def _resource_dir(name: str) -> str:
    """templates/ and static/ sit beside the package in a checkout, inside it in a wheel."""
    inside = PACKAGE_DIR / name
    return str(inside if inside.is_dir() else PACKAGE_DIR.parent / name)


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application. Reads configuration; opens, writes and migrates nothing."""
    from .web.boundary import Application

    app = Application(
        __name__,
        instance_path=os.environ.get("LEGISLINK_INSTANCE_PATH") or None,
        instance_relative_config=True,
        template_folder=_resource_dir("templates"),
        static_folder=_resource_dir("static"),
    )
    _load_config(app, config)
    _register_extensions(app)
    _register_blueprints(app)
    _configure_segmenter(app)
    return app


def _load_config(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    app.config.from_object(config_module.Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.update(config_module.environment_overrides())
    if overrides:
        app.config.update(overrides)
    url = app.config["DATABASE_URL"] or config_module.sqlite_url(app.instance_path)
    app.config["DATABASE_URL"] = url
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        **config_module.database_options(url),
        **app.config["SQLALCHEMY_ENGINE_OPTIONS"],
    }
    if app.config["REDIS_URL"] and app.config["RATELIMIT_STORAGE_URI"] == "memory://":
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"]
    if not app.config["SECRET_KEY"]:
        # Without `legislink init` there is no secret: sessions then last one process only.
        app.config["SECRET_KEY"] = os.urandom(32)
        app.config["SECRET_KEY_EPHEMERAL"] = True


def _register_extensions(app: Flask) -> None:
    from .extensions import babel, cache, configure_sqlite, csrf, db, limiter, login_manager, migrate
    from .web import i18n, security

    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine, app.config["SQLITE_SYNCHRONOUS"])
    migrate.init_app(app, db, directory=str(PACKAGE_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    cache.init_app(app)
    security.init_login(app, login_manager)
    security.init_headers(app)
    security.init_input(app)
    i18n.init_app(app)


def _configure_segmenter(app: Flask) -> None:
    """Where jieba caches its dictionary: named here, created at the first comment segmented."""
    from .services import segmentation

    configured = app.config["JIEBA_CACHE_DIR"]
    segmentation.use_cache_dir(Path(configured) if configured else Path(app.instance_path) / "jieba-cache")


def _register_blueprints(app: Flask) -> None:
    from .web import register_blueprints

    register_blueprints(app)

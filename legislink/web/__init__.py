"""The web face: blueprints translate requests into service calls and results into pages."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from .fields import RowIdConverter

    # Before any rule is added: every <int:…> in the URL map is bounded to a row id.
    app.url_map.converters["int"] = RowIdConverter
    from . import (
        admin,
        api,
        auth,
        calls,
        dashboard,
        drafts,
        errors,
        figures,
        filters,
        handouts,
        health,
        imports,
        moderation,
        offline,
        opinions,
        public,
        reports,
        request_log,
        requests,
        review,
        staff,
        text_size,
    )

    app.register_blueprint(public.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(staff.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(dashboard.bp)
    app.register_blueprint(moderation.bp)
    app.register_blueprint(offline.bp)
    app.register_blueprint(opinions.bp)
    app.register_blueprint(reports.bp)
    app.register_blueprint(imports.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(figures.bp)
    app.register_blueprint(reports.api)
    app.register_blueprint(drafts.bp)
    app.register_blueprint(handouts.bp)
    app.register_blueprint(calls.bp)
    app.register_blueprint(requests.bp)
    app.register_blueprint(requests.departments_bp)
    app.register_blueprint(requests.public_bp)
    errors.init_app(app)
    request_log.init_app(app)
    filters.init_app(app)
    text_size.init_app(app)

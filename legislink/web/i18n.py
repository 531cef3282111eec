"""Interface language: `?lang=en` / `?lang=zh` switches it and a cookie remembers it."""

from zoneinfo import ZoneInfo

from flask import Flask, current_app, g, request, url_for

from .security import cookie_secure

LANG_COOKIE = "lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    for candidate in (request.args.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in languages:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def select_timezone() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def contact_zone() -> ZoneInfo:
    """The contact point's time zone, which services are given for their days and dates."""
    return ZoneInfo(select_timezone())


def html_lang() -> str:
    """The value of <html lang>: BCP 47 says which script the Chinese is in."""
    return "zh-Hans" if select_locale() == "zh" else select_locale()


def keep_in_page_url(**args: str) -> None:
    """Query parameters that the page shown after a POST needs to be shown again by a GET (the article
    of a comment form sent back with errors)."""
    g.page_url_args = {name: value for name, value in args.items() if value}


def this_page_url(**changes: str) -> str:
    """This page again with some query parameters changed. After a POST, the same address as a GET
    when the page has one (a form sent back with errors); the front page when there is no page to show
    again, as on a 404."""
    if request.endpoint is None or not _shown_by_get():
        return url_for("public.index", **changes)
    args = {**request.args.to_dict(), **g.get("page_url_args", {}), **(request.view_args or {}), **changes}
    return url_for(request.endpoint, **args)


def _shown_by_get() -> bool:
    if request.method == "GET":
        return True
    rule = request.url_rule
    return rule is not None and "GET" in (rule.methods or ()) and request.routing_exception is None


def switch_url(lang: str) -> str:
    """This page again in another language."""
    return this_page_url(lang=lang)


def _remember_choice(response):
    chosen = request.args.get("lang")
    if chosen in current_app.config["LANGUAGES"] and chosen != request.cookies.get(LANG_COOKIE):
        response.set_cookie(
            LANG_COOKIE, chosen, max_age=LANG_COOKIE_MAX_AGE, samesite="Lax", httponly=True,
            secure=cookie_secure(current_app),
        )
    return response


def init_app(app: Flask) -> None:
    app.after_request(_remember_choice)
    app.jinja_env.globals["html_lang"] = html_lang
    app.jinja_env.globals["current_locale"] = select_locale
    app.jinja_env.globals["switch_language_url"] = switch_url

"""Large text (大字模式) for older residents: `?textsize=large` / `?textsize=standard` switches it and a
cookie remembers it, as the language choice is remembered."""

from flask import Flask, current_app, request

from .i18n import this_page_url
from .security import cookie_secure

PARAMETER = "textsize"
SIZES = ("standard", "large")
SIZE_COOKIE = "textsize"
SIZE_COOKIE_MAX_AGE = 365 * 24 * 3600


def text_size() -> str:
    for candidate in (request.args.get(PARAMETER), request.cookies.get(SIZE_COOKIE)):
        if candidate in SIZES:
            return candidate
    return SIZES[0]


def other_size() -> str:
    return SIZES[1] if text_size() == SIZES[0] else SIZES[0]


def switch_url(size: str) -> str:
    """This page again in the other text size."""
    return this_page_url(**{PARAMETER: size})


def _remember_choice(response):
    chosen = request.args.get(PARAMETER)
    if chosen in SIZES and chosen != request.cookies.get(SIZE_COOKIE):
        response.set_cookie(
            SIZE_COOKIE, chosen, max_age=SIZE_COOKIE_MAX_AGE, samesite="Lax", httponly=True,
            secure=cookie_secure(current_app),
        )
    return response


def init_app(app: Flask) -> None:
    app.after_request(_remember_choice)
    app.jinja_env.globals.update(text_size=text_size, other_text_size=other_size, switch_text_size_url=switch_url)

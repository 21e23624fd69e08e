"""The browser-side memory of a commenter: their held comments, the comments they wrote and
their saved details.

Signed cookies rather than sessions: app servers keep no state, and an anonymous reader
gets no session row just for commenting.
"""

import json

from django.conf import settings
from django.core import signing

PENDING_COOKIE = "comments_pending"
AUTHOR_COOKIE = "comments_author"
# Not one of the page cache's personal cookies: it is read only when a comment is posted,
# never to render a page, so a regular's browser keeps getting the shared cached pages.
AUTHORED_COOKIE = "comments_authored"
SALT = "comments.cookies"
IDS_KEPT = 20
PENDING_MAX_AGE = 30 * 24 * 60 * 60
AUTHOR_MAX_AGE = 365 * 24 * 60 * 60


def _read(request, name: str, max_age: int, default):
    try:
        return json.loads(request.get_signed_cookie(name, salt=SALT, max_age=max_age))
    except (KeyError, signing.BadSignature, ValueError):
        return default


def _write(response, name: str, value, max_age: int) -> None:
    response.set_signed_cookie(
        name,
        json.dumps(value),
        salt=SALT,
        max_age=max_age,
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Lax",
    )


def _read_ids(request, name: str, max_age: int) -> list[int]:
    ids = _read(request, name, max_age, [])
    return [value for value in ids if isinstance(value, int)] if isinstance(ids, list) else []


def _remember_id(request, response, name: str, max_age: int, comment_id: int) -> None:
    ids = [*_read_ids(request, name, max_age), comment_id][-IDS_KEPT:]
    _write(response, name, ids, max_age)


def pending_comment_ids(request) -> list[int]:
    """Ids of the held comments this browser wrote: shown to it, and only to it."""
    return _read_ids(request, PENDING_COOKIE, PENDING_MAX_AGE)


def remember_pending_comment(request, response, comment_id: int) -> None:
    _remember_id(request, response, PENDING_COOKIE, PENDING_MAX_AGE, comment_id)


def authored_comment_ids(request) -> list[int]:
    """Ids of the latest comments this browser wrote, held or not, kept for a year.

    The proof that a commenter is known: "approve authors with an approved comment" asks
    for one of these to be approved under the same email, since the email alone is
    something anyone can type.
    """
    return _read_ids(request, AUTHORED_COOKIE, AUTHOR_MAX_AGE)


def remember_authored_comment(request, response, comment_id: int) -> None:
    _remember_id(request, response, AUTHORED_COOKIE, AUTHOR_MAX_AGE, comment_id)


def saved_author(request) -> dict:
    """Name, email and website saved by "save my name and email in this browser"."""
    author = _read(request, AUTHOR_COOKIE, AUTHOR_MAX_AGE, {})
    if not isinstance(author, dict):
        return {}
    return {key: str(author.get(key, "")) for key in ("name", "email", "website")}


def save_author(response, name: str, email: str, website: str) -> None:
    _write(
        response, AUTHOR_COOKIE, {"name": name, "email": email, "website": website}, AUTHOR_MAX_AGE
    )


def forget_author(response) -> None:
    response.delete_cookie(AUTHOR_COOKIE, samesite="Lax")

"""The browser-side memory of a commenter: their held comments, saved details and voter id.

Signed cookies rather than sessions: app servers keep no state, and an anonymous reader
gets no session row just for commenting.
"""

import json
import secrets

from django.core import signing

PENDING_COOKIE = "comments_pending"
AUTHOR_COOKIE = "comments_author"
VOTER_COOKIE = "comments_voter"
SALT = "comments.cookies"
PENDING_KEPT = 20
PENDING_MAX_AGE = 30 * 24 * 60 * 60
AUTHOR_MAX_AGE = 365 * 24 * 60 * 60


def _read(request, name: str, max_age: int, default):
    try:
        return json.loads(request.get_signed_cookie(name, salt=SALT, max_age=max_age))
    except (KeyError, signing.BadSignature, ValueError):
        return default


def _write(response, name: str, value, max_age: int) -> None:
    response.set_signed_cookie(
        name, json.dumps(value), salt=SALT, max_age=max_age, httponly=True, samesite="Lax"
    )


def pending_comment_ids(request) -> list[int]:
    """Ids of the held comments this browser wrote: shown to it, and only to it."""
    ids = _read(request, PENDING_COOKIE, PENDING_MAX_AGE, [])
    return [value for value in ids if isinstance(value, int)] if isinstance(ids, list) else []


def remember_pending_comment(request, response, comment_id: int) -> None:
    ids = [*pending_comment_ids(request), comment_id][-PENDING_KEPT:]
    _write(response, PENDING_COOKIE, ids, PENDING_MAX_AGE)


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


def voter_id(request) -> tuple[str, bool]:
    """This browser's anonymous reporter id, and whether it is new (to be set on the response)."""
    existing = _read(request, VOTER_COOKIE, AUTHOR_MAX_AGE, "")
    if isinstance(existing, str) and existing:
        return existing, False
    return secrets.token_hex(16), True


def set_voter_id(response, value: str) -> None:
    _write(response, VOTER_COOKIE, value, AUTHOR_MAX_AGE)

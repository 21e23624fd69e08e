"""Bot traps on the comment form: a honeypot field and a signed, timed form token."""

import time

from django.core import signing

HONEYPOT_FIELD = "homepage_url"
FORM_TOKEN_SALT = "comments.form-token"  # noqa: S105 - a signing namespace, not a secret
# People take longer than this to write anything; scripts post at once.
MIN_SECONDS_TO_WRITE = 3
# A form left open longer than this is stale; a bot replaying an old token is caught too.
MAX_FORM_AGE_SECONDS = 24 * 60 * 60


def issue_form_token(review_id: int, issued_at: float | None = None) -> str:
    """A signed note of which review the form was rendered for and when."""
    issued_at = time.time() if issued_at is None else issued_at
    return signing.dumps({"review": review_id, "at": issued_at}, salt=FORM_TOKEN_SALT)


def form_token_problem(token: str, review_id: int) -> str:
    """Why the form token marks the post as spam, or "" when it is a plausible human post."""
    try:
        payload = signing.loads(token, salt=FORM_TOKEN_SALT)
        age = time.time() - float(payload["at"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "missing or forged form token"
    if payload.get("review") != review_id:
        return "form token from another review"
    if age > MAX_FORM_AGE_SECONDS:
        return "form older than a day"
    if age < MIN_SECONDS_TO_WRITE:
        return f"posted less than {MIN_SECONDS_TO_WRITE} seconds after the form was shown"
    return ""


def honeypot_problem(data) -> str:
    """The honeypot is hidden from people; only a form-filling script puts text in it."""
    return "honeypot field filled in" if data.get(HONEYPOT_FIELD) else ""


def renewed_form_token(token: str) -> str:
    """The same review's token issued now, for a page served from the cache; "" if forged.

    A cached page carries the time it was rendered; the page's script swaps in this
    one when the reader starts on the form, so the time-to-write check stays meaningful.
    """
    try:
        review_id = signing.loads(token, salt=FORM_TOKEN_SALT)["review"]
    except (signing.BadSignature, KeyError, TypeError):
        return ""
    return issue_form_token(review_id) if isinstance(review_id, int) else ""

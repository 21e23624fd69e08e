"""Who an anonymous reader is: a random id in a long-lived signed cookie, or their account.

Ratings count one vote per reader and comment reports one report per reader with it,
and the page cache bypasses readers who carry it (their page shows their own vote).
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

VOTER_COOKIE = "reader_voter"
# The salt predates this module's name; changing it would forget every reader's votes.
VOTER_COOKIE_SALT = "reviews.ratings.voter"
VOTER_COOKIE_MAX_AGE = 2 * 365 * 24 * 60 * 60


@dataclass(frozen=True)
class Voter:
    """A signed-in reader (by account) or an anonymous one (by the id in their cookie)."""

    user: object = None
    voter_id: str = ""
    is_new: bool = False  # a fresh anonymous id that the response must set

    @property
    def lookup(self) -> dict:
        return {"user": self.user} if self.user is not None else {"voter_id": self.voter_id}

    @property
    def key(self) -> str:
        """One string per reader, for records that keep no user column."""
        return f"user:{self.user.pk}" if self.user is not None else self.voter_id


def voter_for(request) -> Voter:
    """The reader behind this request; a missing or tampered cookie makes a brand-new voter.

    A bad signature never falls back to any stored id, so forging a cookie cannot
    vote as someone else: it only starts a fresh anonymous identity.
    """
    return known_voter(request) or Voter(voter_id=secrets.token_hex(16), is_new=True)


def known_voter(request) -> Voter | None:
    """The reader by account or by a validly signed cookie; None when they have no identity yet."""
    if request.user.is_authenticated:
        return Voter(user=request.user)
    voter_id = known_voter_id(request)
    return Voter(voter_id=voter_id) if voter_id else None


def known_voter_id(request) -> str:
    """The anonymous voter id from a validly signed cookie, else ""."""
    try:
        voter_id = request.get_signed_cookie(
            VOTER_COOKIE, salt=VOTER_COOKIE_SALT, max_age=VOTER_COOKIE_MAX_AGE
        )
    except (KeyError, signing.BadSignature):
        return ""
    is_well_formed = len(voter_id) == 32 and all(char in "0123456789abcdef" for char in voter_id)
    return voter_id if is_well_formed else ""


def remember_voter(response, voter: Voter) -> None:
    """Set the long-lived signed cookie for a new anonymous voter (HttpOnly: no script needs it)."""
    if voter.is_new:
        response.set_signed_cookie(
            VOTER_COOKIE,
            voter.voter_id,
            salt=VOTER_COOKIE_SALT,
            max_age=VOTER_COOKIE_MAX_AGE,
            httponly=True,
            secure=settings.SESSION_COOKIE_SECURE,
            samesite="Lax",
        )

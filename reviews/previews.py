"""Signed, expiring preview links for reviews that are not live yet.

A token carries the review's id, signed with the site's secret and a salt of
its own and timestamped, so it cannot be forged or edited and stops working
after PREVIEW_MAX_AGE. Anyone holding the link can read the review while it
is valid: that is the point of "share preview".
"""

from datetime import timedelta

from django.core import signing
from django.shortcuts import get_object_or_404

from reviews.models import Review

PREVIEW_SALT = "reviews.preview"
PREVIEW_MAX_AGE = timedelta(days=7)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=PREVIEW_SALT)


def make_preview_token(review: Review) -> str:
    """A URL-safe token for /preview/<token>/ that is valid for seven days."""
    return _signer().sign(str(review.pk))


def review_for_preview_token(token: str) -> Review:
    """The review a token names.

    Raises signing.SignatureExpired when older than seven days, signing.BadSignature
    when tampered with, and Http404 when the review has since been deleted.
    """
    review_id = _signer().unsign(token, max_age=PREVIEW_MAX_AGE)
    return get_object_or_404(
        Review.objects.select_related("title", "season", "author"), pk=review_id
    )

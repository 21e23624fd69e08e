"""Preview tokens: they name one review, and are refused when tampered with or expired."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import signing

from reviews.previews import PREVIEW_MAX_AGE, make_preview_token, review_for_preview_token
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_token_gives_back_its_review():
    review = ReviewFactory(draft=True)

    assert review_for_preview_token(make_preview_token(review)) == review


def test_tampered_token_is_refused():
    review = ReviewFactory(draft=True)
    other = ReviewFactory(draft=True)
    token = make_preview_token(review)
    forged = token.replace(f"{review.pk}:", f"{other.pk}:", 1)

    with pytest.raises(signing.BadSignature):
        review_for_preview_token(forged)


def test_token_signed_for_another_purpose_is_refused():
    review = ReviewFactory(draft=True)

    with pytest.raises(signing.BadSignature):
        review_for_preview_token(signing.TimestampSigner().sign(str(review.pk)))


def test_token_still_works_just_before_seven_days():
    review = ReviewFactory(draft=True)
    token = make_preview_token(review)
    almost = time.time() + PREVIEW_MAX_AGE.total_seconds() - 60

    with mock.patch("django.core.signing.time.time", return_value=almost):
        assert review_for_preview_token(token) == review


def test_token_older_than_seven_days_is_expired():
    review = ReviewFactory(draft=True)
    token = make_preview_token(review)
    later = time.time() + (PREVIEW_MAX_AGE + timedelta(minutes=1)).total_seconds()

    with (
        mock.patch("django.core.signing.time.time", return_value=later),
        pytest.raises(signing.SignatureExpired),
    ):
        review_for_preview_token(token)

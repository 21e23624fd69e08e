"""Readers rate a live review at POST /reviews/<slug>/rate/: one vote per reader, exact totals."""

import json

import pytest
from django.core import signing
from django.test import Client

from core.readers import VOTER_COOKIE
from ratings.models import Rating
from reviews.previews import make_preview_token
from tests.factories import UserFactory
from tests.ratings.votes import cast_votes
from tests.reviews.factories import ReviewFactory
from tests.reviews.test_queries import REVIEW_PAGE_QUERIES, review_with_surroundings
from tests.reviews.test_seo import head_of

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def review():
    return ReviewFactory()


def rate_url(review) -> str:
    return f"/reviews/{review.slug}/rate/"


def totals(review) -> tuple[int, int]:
    review.refresh_from_db()
    return review.rating_count, review.rating_sum


# The page's rating box.


def test_a_review_without_ratings_invites_the_first_one(client, review):
    response = client.get(review.get_absolute_url())

    assert "Be the first one!" in response.content.decode()


def test_the_box_shows_the_average_rounded_half_up_and_the_count(client, review):
    cast_votes(review, 6, 6, 6, 7)  # 25 / 4 = 6.25

    response = client.get(review.get_absolute_url())

    assert "6.3 / 10 from 4 readers" in response.content.decode()


def test_one_rating_is_counted_as_one_reader(client, review):
    cast_votes(review, 8)

    response = client.get(review.get_absolute_url())

    assert "8.0 / 10 from 1 reader<" in response.content.decode()


def test_the_box_is_a_radio_group_with_a_legend_posting_to_the_rate_address(client, review):
    html = client.get(review.get_absolute_url()).content.decode()

    assert f'action="{rate_url(review)}"' in html
    assert "<legend" in html and "from 1 (worst) to 10 (best)" in html
    for score in range(1, 11):
        assert f'type="radio" id="reader-score-{score}" name="score" value="{score}"' in html
        assert f'<label class="reader-rating__label" for="reader-score-{score}">' in html


def test_the_reader_sees_their_own_score_once_given(client, review):
    client.post(rate_url(review), {"score": "7"})

    html = client.get(review.get_absolute_url()).content.decode()

    assert "Your score: <strong data-rating-own-score>7</strong>" in html
    assert 'value="7" required checked' in html


def test_a_reader_who_has_not_rated_sees_no_own_score(client, review):
    cast_votes(review, 9)

    html = client.get(review.get_absolute_url()).content.decode()

    assert "data-rating-own hidden" in html


def test_the_page_costs_one_more_query_for_a_reader_with_a_voter_cookie(
    client, django_assert_num_queries
):
    """Readers with no identity yet (first visits, crawlers) cost no extra query: test_queries."""
    review = review_with_surroundings(1)
    client.post(rate_url(review), {"score": "7"})

    with django_assert_num_queries(REVIEW_PAGE_QUERIES + 1):
        client.get(review.get_absolute_url())


def test_the_preview_of_an_unpublished_review_has_no_rating_box(admin_client):
    draft = ReviewFactory(draft=True)

    response = admin_client.get(f"/preview/{make_preview_token(draft)}/")

    assert response.status_code == 200
    assert "reader-rating" not in response.content.decode()


# JSON-LD.


def aggregate_rating(client, review):
    (data,) = [json.loads(script) for script in head_of(client, review.get_absolute_url()).json_ld]
    return data.get("aggregateRating")


def test_json_ld_has_no_aggregate_rating_before_the_first_vote(client, review):
    assert aggregate_rating(client, review) is None


def test_json_ld_carries_the_readers_aggregate_rating(client, review):
    cast_votes(review, 6, 6, 6, 7)

    assert aggregate_rating(client, review) == {
        "@type": "AggregateRating",
        "ratingValue": 6.3,
        "ratingCount": 4,
        "bestRating": 10,
        "worstRating": 1,
    }


# Voting: anonymous readers.


def test_an_anonymous_form_post_redirects_back_to_the_rating_box(client, review):
    response = client.post(rate_url(review), {"score": "7"})

    assert response.status_code == 302
    assert response["Location"] == f"{review.get_absolute_url()}#reader-rating"
    assert totals(review) == (1, 7)


def test_an_anonymous_reader_gets_a_long_lived_signed_httponly_voter_cookie(client, review):
    client.post(rate_url(review), {"score": "7"})

    cookie = client.cookies[VOTER_COOKIE]
    voter_id = Rating.objects.get().voter_id
    assert cookie.value.startswith(f"{voter_id}:")
    assert cookie["max-age"] >= 365 * 24 * 60 * 60
    assert cookie["httponly"]


def test_rating_again_changes_the_score_and_never_adds_a_vote(client, review):
    client.post(rate_url(review), {"score": "7"})
    client.post(rate_url(review), {"score": "3"})

    assert Rating.objects.get().score == 3
    assert totals(review) == (1, 3)


def test_two_anonymous_readers_are_two_votes(review):
    Client().post(rate_url(review), {"score": "7"})
    Client().post(rate_url(review), {"score": "4"})

    assert totals(review) == (2, 11)


def test_a_tampered_voter_cookie_is_a_new_reader_not_the_one_it_names(review):
    victim = Client()
    victim.post(rate_url(review), {"score": "9"})
    victim_id = Rating.objects.get().voter_id
    forger = Client()
    forger.cookies[VOTER_COOKIE] = f"{victim_id}:forged-signature"

    forger.post(rate_url(review), {"score": "1"})

    assert Rating.objects.get(voter_id=victim_id).score == 9
    assert totals(review) == (2, 10)
    assert not forger.cookies[VOTER_COOKIE].value.startswith(victim_id)


def test_a_voter_cookie_signed_for_something_else_is_not_trusted(client, review):
    """A value signed with another salt is a bad signature for the voter cookie too."""
    client.cookies[VOTER_COOKIE] = signing.get_cookie_signer(salt="other").sign("a" * 32)

    client.post(rate_url(review), {"score": "5"})

    assert Rating.objects.get().voter_id != "a" * 32


# Voting: signed-in readers.


def test_a_signed_in_reader_votes_by_account_without_a_voter_cookie(client, review):
    user = UserFactory()
    client.force_login(user)

    client.post(rate_url(review), {"score": "8"})

    rating = Rating.objects.get()
    assert (rating.user, rating.voter_id) == (user, "")
    assert VOTER_COOKIE not in client.cookies


def test_a_signed_in_reader_rating_again_changes_their_one_vote(client, review):
    client.force_login(UserFactory())

    client.post(rate_url(review), {"score": "8"})
    client.post(rate_url(review), {"score": "2"})

    assert totals(review) == (1, 2)


def test_a_signed_in_reader_sees_their_score_on_another_browser(review):
    user = UserFactory()
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    laptop.post(rate_url(review), {"score": "6"})

    html = phone.get(review.get_absolute_url()).content.decode()

    assert "Your score: <strong data-rating-own-score>6</strong>" in html


def test_signed_in_and_anonymous_readers_add_up(client, review):
    Client().post(rate_url(review), {"score": "4"})
    client.force_login(UserFactory())
    client.post(rate_url(review), {"score": "10"})

    assert totals(review) == (2, 14)


# JSON.


def test_json_is_returned_when_the_client_accepts_it(client, review):
    cast_votes(review, 6)

    response = client.post(rate_url(review), {"score": "7"}, **JSON)

    assert response.status_code == 200
    assert response.json() == {
        "average": 6.5,
        "count": 2,
        "your_score": 7,
        "summary": "6.5 / 10 from 2 readers",
    }


def test_json_is_returned_to_a_script_that_says_x_requested_with(client, review):
    response = client.post(rate_url(review), {"score": "7"}, HTTP_X_REQUESTED_WITH="fetch")

    assert response.json()["count"] == 1


def test_a_json_re_rating_reports_the_same_count(client, review):
    client.post(rate_url(review), {"score": "7"}, **JSON)

    response = client.post(rate_url(review), {"score": "9"}, **JSON)

    assert (response.json()["count"], response.json()["your_score"]) == (1, 9)


def test_a_json_client_also_gets_the_voter_cookie(client, review):
    client.post(rate_url(review), {"score": "7"}, **JSON)

    assert VOTER_COOKIE in client.cookies


# Bad input: a clear 4xx and nothing changed.

BAD_SCORES = ["0", "11", "-3", "7.5", "7.0", " 7", "seven", "", "1e1", "10000000000000000000"]


@pytest.fixture
def rated(client, review):
    """The review with this client's vote of 5 on it."""
    client.post(rate_url(review), {"score": "5"})
    return review


@pytest.mark.parametrize("score", BAD_SCORES)
def test_a_score_that_is_not_a_whole_number_from_1_to_10_is_refused(client, rated, score):
    response = client.post(rate_url(rated), {"score": score})

    assert response.status_code == 400
    assert "a whole number from 1 to 10" in response.content.decode()
    assert Rating.objects.get().score == 5
    assert totals(rated) == (1, 5)


def test_a_post_without_a_score_is_refused(client, rated):
    response = client.post(rate_url(rated), {})

    assert response.status_code == 400
    assert totals(rated) == (1, 5)


@pytest.mark.parametrize("score", ["0", "7.5", ""])
def test_a_bad_score_is_refused_in_json_for_a_json_client(client, rated, score):
    response = client.post(rate_url(rated), {"score": score}, **JSON)

    assert response.status_code == 400
    assert response.json() == {"error": "Choose a score: a whole number from 1 to 10."}
    assert totals(rated) == (1, 5)


@pytest.mark.parametrize(
    "status", [{"draft": True}, {"in_review": True}, {"scheduled": True}, {"archived": True}]
)
def test_a_review_that_is_not_live_cannot_be_rated(client, status):
    hidden = ReviewFactory(**status)

    response = client.post(rate_url(hidden), {"score": "7"})

    assert response.status_code == 404
    assert not Rating.objects.exists()
    assert totals(hidden) == (0, 0)


def test_rating_an_unknown_review_is_a_json_404_for_a_json_client(client):
    response = client.post("/reviews/no-such-review/rate/", {"score": "7"}, **JSON)

    assert response.status_code == 404
    assert response.json() == {"error": "No published review with this address."}


def test_a_rating_without_a_csrf_token_is_refused(review):
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(rate_url(review), {"score": "7"})

    assert response.status_code == 403
    assert not Rating.objects.exists()


def test_a_rating_with_the_csrf_token_from_the_page_is_accepted(review):
    strict = Client(enforce_csrf_checks=True)
    strict.get(review.get_absolute_url())
    strict.get("/csrf/")  # as static/js/csrf.js does: a shared cached page holds no token

    response = strict.post(
        rate_url(review), {"score": "7", "csrfmiddlewaretoken": strict.cookies["csrftoken"].value}
    )

    assert response.status_code == 302
    assert totals(review) == (1, 7)


def test_rating_by_get_is_not_allowed(client, review):
    response = client.get(rate_url(review), {"score": "7"})

    assert response.status_code == 405
    assert not Rating.objects.exists()


# The per-IP limit.


@pytest.fixture
def limit_of_two(settings):
    settings.RATINGS_PER_IP_LIMIT = 2
    # A window this long cannot roll over during the test.
    settings.RATINGS_PER_IP_WINDOW = 10**9


def test_votes_past_the_per_ip_limit_get_a_clear_429_and_change_nothing(review, limit_of_two):
    for score in ("4", "6"):
        Client().post(rate_url(review), {"score": score}, REMOTE_ADDR="203.0.113.7")

    response = Client().post(rate_url(review), {"score": "10"}, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 429
    assert "Too many ratings from your network" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert totals(review) == (2, 10)


def test_the_per_ip_limit_answers_a_json_client_in_json(review, limit_of_two):
    for score in ("4", "6"):
        Client().post(rate_url(review), {"score": score}, REMOTE_ADDR="203.0.113.7")

    response = Client().post(rate_url(review), {"score": "10"}, REMOTE_ADDR="203.0.113.7", **JSON)

    assert response.status_code == 429
    assert response.json()["error"].startswith("Too many ratings from your network")


def test_the_per_ip_limit_leaves_other_addresses_alone(review, limit_of_two):
    for score in ("4", "6"):
        Client().post(rate_url(review), {"score": score}, REMOTE_ADDR="203.0.113.7")

    response = Client().post(rate_url(review), {"score": "10"}, REMOTE_ADDR="198.51.100.2")

    assert response.status_code == 302
    assert totals(review) == (3, 20)


def test_bad_input_does_not_use_up_the_per_ip_limit(review, limit_of_two):
    for _attempt in range(3):
        Client().post(rate_url(review), {"score": "99"}, REMOTE_ADDR="203.0.113.7")

    response = Client().post(rate_url(review), {"score": "8"}, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302

"""Author pages: a public profile and its live reviews, linked from bylines; nobody else has one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import AuthorProfile
from tests.catalog.images import image_bytes
from tests.reviews.factories import AuthorProfileFactory, ReviewFactory, staff_user

pytestmark = pytest.mark.django_db

# The profile, the paginator's count, the page of reviews (with show and byline), their tags.
AUTHOR_PAGE_QUERIES = 4


def test_author_page_shows_the_profile_and_only_their_live_reviews(client):
    profile = AuthorProfileFactory(display_name="Kavya Raman", slug="kavya", bio="Loves <mecha>.")
    ReviewFactory(author=profile.user, headline="Her live review")
    ReviewFactory(author=profile.user, headline="Her draft", draft=True)
    ReviewFactory(author=profile.user, headline="Her scheduled one", scheduled=True)
    ReviewFactory(headline="Someone else's review")

    response = client.get("/authors/kavya/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Kavya Raman</h1>" in page
    assert "Loves &lt;mecha&gt;." in page
    assert "Her live review" in page
    for hidden in ("Her draft", "Her scheduled one", "Someone else"):
        assert hidden not in page


def test_review_cards_byline_their_author_linked_to_the_author_page(client):
    profile = AuthorProfileFactory(display_name="Kavya Raman", slug="kavya")
    ReviewFactory(author=profile.user)

    page = client.get("/").content.decode()

    assert (
        'by <a class="byline__author" href="/authors/kavya/" rel="author">Kavya Raman</a>' in page
    )


@pytest.mark.parametrize(
    "profile_kwargs",
    [{"is_public": False}, {}],
    ids=["profile not public", "no live review"],
)
def test_author_page_of_a_hidden_profile_or_one_without_live_reviews_is_not_found(
    client, profile_kwargs
):
    profile = AuthorProfileFactory(slug="kavya", **profile_kwargs)
    if not profile_kwargs:
        ReviewFactory(author=profile.user, draft=True)
    else:
        ReviewFactory(author=profile.user)

    assert client.get("/authors/kavya/").status_code == 404


def test_author_page_is_paginated_twelve_a_page(client):
    profile = AuthorProfileFactory(slug="kavya")
    ReviewFactory.create_batch(13, author=profile.user)

    first = client.get("/authors/kavya/")
    second = client.get("/authors/kavya/?page=2")

    assert len(first.context["page_obj"].object_list) == 12
    assert len(second.context["page_obj"].object_list) == 1
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize("reviews", [1, 15])
def test_author_page_query_count_does_not_grow_with_reviews_or_tags(
    client, django_assert_num_queries, settings, reviews
):
    settings.PAGE_CACHE_SECONDS = 0
    profile = AuthorProfileFactory(slug="kavya")
    tags = [f"tag {number}" for number in range(reviews)]
    ReviewFactory.create_batch(reviews, author=profile.user, tags=tags)

    with django_assert_num_queries(AUTHOR_PAGE_QUERIES):
        response = client.get("/authors/kavya/")

    assert response.status_code == 200


def test_author_page_shows_the_avatar_with_its_size(client):
    profile = AuthorProfileFactory(slug="kavya")
    profile.avatar.save("face.png", SimpleUploadedFile("face.png", image_bytes(200, 200)))
    ReviewFactory(author=profile.user)

    page = client.get("/authors/kavya/").content.decode()

    assert f'src="{profile.avatar.url}"' in page
    assert 'width="200" height="200"' in page


def test_an_editor_gives_an_author_a_profile_in_the_admin(client):
    editor = staff_user("Editors")
    writer = staff_user("Writers", username="jberg")
    ReviewFactory(author=writer)
    client.force_login(editor)

    response = client.post(
        "/admin/reviews/authorprofile/add/",
        {
            "user": writer.pk,
            "display_name": "Jonas Berg",
            "slug": "jonas-berg",
            "bio": "Reviews the new season.",
            "is_public": "on",
        },
    )

    assert response.status_code == 302
    assert AuthorProfile.objects.get(user=writer).display_name == "Jonas Berg"
    client.logout()
    assert "Jonas Berg" in client.get("/authors/jonas-berg/").content.decode()


def test_the_admin_refuses_an_avatar_that_is_not_an_image(client):
    client.force_login(staff_user("Editors"))
    writer = staff_user("Writers")

    response = client.post(
        "/admin/reviews/authorprofile/add/",
        {
            "user": writer.pk,
            "display_name": "Jonas Berg",
            "slug": "jonas-berg",
            "avatar": SimpleUploadedFile("face.png", b"<script>alert(1)</script>"),
        },
    )

    assert response.status_code == 200
    assert "JPEG, PNG or WebP" in response.content.decode()
    assert not AuthorProfile.objects.exists()


def test_writers_cannot_edit_author_profiles(client):
    client.force_login(staff_user("Writers"))

    assert client.get("/admin/reviews/authorprofile/add/").status_code == 403

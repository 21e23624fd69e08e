"""DATABASE_REPLICA_URL: anonymous public reads come from the replica, the admin from the primary.

Two SQLite files stand in for the primary and its replica, with different content on
purpose: the demo reviews exist only in the "replica" and the staff account only in
the primary, so each page shows which database it read.
"""

import shutil

import pytest

from tests.production.servers import Browser, gunicorn, manage, production_env

STAFF_PASSWORD = "primary-only-password"  # noqa: S105 - test-only value
DEMO_HEADLINE_SLUG = "vinland-saga-review"


@pytest.fixture(scope="module")
def site_with_replica(tmp_path_factory, static_root):
    """A gunicorn on a primary (schema and a superuser) and a replica (the demo content)."""
    folder = tmp_path_factory.mktemp("replica")
    primary, replica = folder / "primary.sqlite3", folder / "replica.sqlite3"
    env = production_env(
        f"sqlite:///{primary}", static_root, DJANGO_MEDIA_ROOT=str(folder / "media")
    )
    manage(env, "migrate", "--noinput")
    shutil.copy(primary, replica)
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD},
        "createsuperuser",
        "--noinput",
        "--username=chief",
        "--email=chief@example.com",
    )
    manage({**env, "DATABASE_URL": f"sqlite:///{replica}"}, "load_demo")
    with gunicorn({**env, "DATABASE_REPLICA_URL": f"sqlite:///{replica}"}, folder / "log") as url:
        yield url


def test_an_anonymous_readers_review_page_is_read_from_the_replica(site_with_replica):
    answer = Browser().get(f"{site_with_replica}/reviews/{DEMO_HEADLINE_SLUG}/")

    assert answer.status == 200
    assert "Vinland Saga" in answer.body


def test_the_home_page_lists_the_replicas_reviews(site_with_replica):
    answer = Browser().get(f"{site_with_replica}/")

    assert answer.status == 200
    assert f"/reviews/{DEMO_HEADLINE_SLUG}/" in answer.body


def test_the_admin_signs_in_and_lists_reviews_from_the_primary(site_with_replica):
    staff = Browser()
    staff.log_in(site_with_replica, "chief", STAFF_PASSWORD)

    answer = staff.get(f"{site_with_replica}/admin/reviews/review/")

    assert answer.status == 200
    assert "0 reviews" in answer.body
    assert DEMO_HEADLINE_SLUG not in answer.body

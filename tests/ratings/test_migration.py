"""Moving ratings into their own app keeps every vote, the totals and the editors' rights."""

import pytest
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("reviews", "0008_review_comment_count"), ("ratings", None)]


def migrate(targets):
    """Migrate the test database to `targets`; returns the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    nodes = [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(nodes).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """Whatever a test does, the next one finds the database fully migrated."""
    yield
    migrate(latest())


def test_the_votes_cast_before_the_move_are_ratings_of_the_ratings_app():
    old = migrate(BEFORE)
    user = old.get_model("auth", "User").objects.create(username="reader")
    show = old.get_model("catalog", "Title").objects.create(name="Metallic Rouge", slug="mr")
    review = old.get_model("reviews", "Review").objects.create(
        title=show,
        slug="metallic-rouge-review",
        body="Text",
        author=user,
        rating_count=2,
        rating_sum=15,
    )
    old_ratings = old.get_model("reviews", "Rating").objects
    old_ratings.create(review=review, user=user, score=7)
    old_ratings.create(review=review, voter_id="a" * 32, score=8)

    new = migrate(latest())

    ratings = new.get_model("ratings", "Rating").objects.order_by("score")
    assert [(r.review_id, r.user_id, r.voter_id, r.score) for r in ratings] == [
        (review.pk, user.pk, "", 7),
        (review.pk, None, "a" * 32, 8),
    ]
    assert "ratings_rating" in connection.introspection.table_names()
    assert "reviews_rating" not in connection.introspection.table_names()
    content_types = new.get_model("contenttypes", "ContentType").objects
    assert not content_types.filter(app_label="reviews", model="rating").exists()


def test_the_database_still_refuses_a_second_vote_by_the_same_reader_after_the_move():
    old = migrate(BEFORE)
    user = old.get_model("auth", "User").objects.create(username="reader")
    show = old.get_model("catalog", "Title").objects.create(name="Metallic Rouge", slug="mr")
    review = old.get_model("reviews", "Review").objects.create(
        title=show, slug="metallic-rouge-review", body="Text", author=user
    )

    new = migrate(latest())

    ratings = new.get_model("ratings", "Rating").objects
    ratings.create(review_id=review.pk, user_id=user.pk, score=7)
    with pytest.raises(IntegrityError):
        ratings.create(review_id=review.pk, user_id=user.pk, score=3)

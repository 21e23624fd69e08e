"""Which database each kind of request reads from, once a replica is configured.

test_replica.py shows the same through gunicorn on two real databases; this pins the
rule for the requests that must stay on the primary.
"""

import pytest
from django.db import router
from django.http import HttpResponse
from django.test import RequestFactory

from core.routers import ReplicaReadsMiddleware
from reviews.models import Review

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES:UserWarning")


@pytest.fixture
def with_replica(settings):
    """A "replica" alias in DATABASES; only its presence matters, nothing connects to it
    (hence Django's warning about overriding DATABASES does not apply)."""
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}


def database_read_by(request) -> str:
    """The database a Review read goes to while the middleware handles this request."""
    seen = []

    def view(request):
        seen.append(router.db_for_read(Review))
        return HttpResponse()

    ReplicaReadsMiddleware(view)(request)
    return seen[0]


def test_an_anonymous_readers_get_reads_from_the_replica(with_replica):
    assert database_read_by(RequestFactory().get("/reviews/some-review/")) == "replica"


def test_a_post_reads_from_the_primary(with_replica):
    assert database_read_by(RequestFactory().post("/reviews/some-review/rate/")) == "default"


def test_the_admin_reads_from_the_primary(with_replica):
    assert database_read_by(RequestFactory().get("/admin/reviews/review/")) == "default"


def test_a_signed_in_readers_get_reads_from_the_primary(with_replica, settings):
    request = RequestFactory().get("/reviews/some-review/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"

    assert database_read_by(request) == "default"


def test_without_a_replica_everything_reads_from_the_primary():
    assert database_read_by(RequestFactory().get("/reviews/some-review/")) == "default"


def test_reads_outside_a_request_and_all_writes_use_the_primary(with_replica):
    assert router.db_for_read(Review) == "default"
    assert router.db_for_write(Review) == "default"

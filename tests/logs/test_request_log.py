"""One log line per request with method, path, status, time and query count; JSON on request."""

import json
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.manage_process import manage
from tests.reviews.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def request_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "animeblog.requests"]


def test_a_request_logs_one_line_with_status_time_and_its_exact_query_count(client, caplog):
    review = ReviewFactory()
    caplog.set_level(logging.INFO, logger="animeblog.requests")
    with CaptureQueriesContext(connection) as queries:
        client.get(review.get_absolute_url())
    [line] = request_lines(caplog)
    assert line.method == "GET"
    assert line.path == review.get_absolute_url()
    assert line.status == 200
    assert line.queries == len(queries) > 0
    assert line.duration_ms > 0
    assert line.getMessage() == (
        f"method=GET path={review.get_absolute_url()} status=200 "
        f"duration_ms={line.duration_ms} queries={line.queries}"
    )


def test_a_page_cache_hit_logs_its_line_with_no_query(client, caplog):
    review = ReviewFactory()
    caplog.set_level(logging.INFO, logger="animeblog.requests")
    client.get(review.get_absolute_url())
    caplog.clear()
    client.get(review.get_absolute_url())
    [line] = request_lines(caplog)
    assert (line.status, line.queries) == (200, 0)


def test_refused_requests_are_logged_with_their_status(client, caplog):
    caplog.set_level(logging.INFO, logger="animeblog.requests")
    client.get("/no-such-page/")
    client.post("/admin/login/", "f=1&" * 3000, content_type="application/x-www-form-urlencoded")
    assert [line.status for line in request_lines(caplog)] == [404, 400]


def test_a_path_with_spaces_stays_one_field(client, caplog):
    caplog.set_level(logging.INFO, logger="animeblog.requests")
    client.get("/no such page/")
    [line] = request_lines(caplog)
    assert "path=/no%20such%20page/ " in line.getMessage()


def test_log_format_json_writes_one_json_object_a_line():
    """A fresh process with LOG_FORMAT=json, as a server is started, logs a request line."""
    code = (
        "import logging; logging.getLogger('animeblog.requests')"
        ".info('method=GET', extra={'method': 'GET', 'status': 200, 'queries': 3})"
    )
    result = manage("shell", "-c", code, DJANGO_DEBUG="1", LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    [request] = [line for line in lines if line["name"] == "animeblog.requests"]
    assert request["status"] == 200
    assert request["queries"] == 3
    assert request["levelname"] == "INFO"
    assert "asctime" in request

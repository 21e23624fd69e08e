"""One log line per request: method, path, status, duration and database query count."""

import logging
import time
from contextlib import ExitStack

from django.db import connections
from django.utils.encoding import escape_uri_path

logger = logging.getLogger("animeblog.requests")


class QueryCounter:
    """A database execute wrapper that only counts queries.

    Counting through execute_wrapper costs one call per query and, unlike the
    query log, works with DEBUG off.
    """

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestLogMiddleware:
    """Log each request to "animeblog.requests" as logfmt text, with the values as fields.

    The fields (method, path, status, duration_ms, queries) come out as JSON keys
    when LOG_FORMAT=json. It sits first in MIDDLEWARE so page cache hits and
    responses from every other middleware are counted too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = QueryCounter()
        started = time.perf_counter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        fields = {
            "method": request.method,
            "path": escape_uri_path(request.path),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "queries": counter.count,
        }
        logger.info(" ".join(f"{key}={value}" for key, value in fields.items()), extra=fields)
        return response

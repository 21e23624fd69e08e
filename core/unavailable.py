"""While the database is unreachable, readers get a friendly 503 page instead of a 500.

The page is rendered without the request, so no context processor, session or user
lookup can touch the database again. Django reconnects on the next request once the
database answers (CONN_HEALTH_CHECKS), so the site recovers without a restart.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """Turns a lost database connection raised by a view into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("database unavailable for %s %s: %s", request.method, request.path, exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response

"""The site's 400 page, and the middleware that answers it at once for input no page can use
(NUL bytes, too many query parameters)."""

import logging

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)
NUL = "\x00"


def _holds_nul(pairs) -> bool:
    return any(NUL in name or any(NUL in value for value in values) for name, values in pairs)


def refusal(request) -> str | None:
    """Why the request is refused, or None when every view may see it.

    Query parameters are counted in the raw string before anything parses them: the
    debug page re-parses request.GET to show a TooManyFieldsSent error and fails again,
    a 500 on the development server. No address, slug, query, form field or cookie of the
    site holds a NUL byte, and PostgreSQL refuses one in text (psycopg's DataError, a
    500) wherever it reaches a query: checking here covers every view, form and admin
    filter at once. File contents may hold anything; their names may not.
    """
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    query_string = request.META.get("QUERY_STRING", "")
    if limit is not None and query_string.count("&") >= limit:
        return f"more than {limit} query parameters"
    if NUL in request.path_info:
        return "a NUL byte in the path"
    if _holds_nul(request.GET.lists()):
        return "a NUL byte in the query string"
    if any(NUL in name or NUL in value for name, value in request.COOKIES.items()):
        return "a NUL byte in a cookie"
    if request.method == "POST" and (
        _holds_nul(request.POST.lists())
        or any(NUL in (upload.name or "") for upload in request.FILES.values())
    ):
        return "a NUL byte in a form field"
    return None


def bad_request_page(request, exception=None):
    """The styled 400 page (the root URLconf's handler400), rendered without the request.

    Django's own handler renders it with the request, so the context processors read the
    very Host header, cookie or query that made it a bad request, and fail again.
    """
    return HttpResponseBadRequest(render_to_string("400.html"))


class BadInputMiddleware:
    """Answer the site's 400 page for input no view can use, before any view parses it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = refusal(request)
        if reason is None:
            return self.get_response(request)
        logger.warning("bad request refused for %s %s: %s", request.method, request.path, reason)
        return bad_request_page(request)

"""CSRF for pages served from the shared cache: no token in the HTML, one fetched per reader.

A cached page is shared, so it can hold no reader's CSRF token: its forms carry an
empty csrfmiddlewaretoken field. static/js/csrf.js fills it from /csrf/ when the reader
starts on a form. Without JavaScript, the post fails Django's check and csrf_failure
answers with the same form, the reader's input kept and a fresh token, to send again.
"""

from django.http import JsonResponse
from django.middleware.csrf import REASON_CSRF_TOKEN_MISSING, REASON_NO_CSRF_COOKIE, get_token
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.views.csrf import csrf_failure as django_csrf_failure
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from comments.spam import renewed_form_token
from core.requests import wants_json

# The readers' forms that cached pages hold; any other failed post gets Django's own page.
READER_FORMS = {"comments:post", "comments:report", "ratings:rate"}
# Failures a cached page causes; a token from elsewhere or a foreign origin stays refused.
RESENDABLE_REASONS = {REASON_NO_CSRF_COOKIE, REASON_CSRF_TOKEN_MISSING}
TOKEN_FIELD = "csrfmiddlewaretoken"  # noqa: S105 - a form field name, not a secret


class TokenFilledByScript(str):
    """An empty token that still renders {% csrf_token %}'s hidden input, for the script to fill.

    The template tag skips a falsy token; keeping the field lets scripts and the
    no-JavaScript path find the same form shape as on an uncached page.
    """

    def __bool__(self):
        return True


def cached_page_csrf(request):
    """Context processor: in a page that may be shared, {% csrf_token %} renders an empty field.

    Without it the token would be in the HTML, Django would set the CSRF cookie and vary
    the response on Cookie, and the page could not be shared at all.
    """
    if getattr(request, "is_page_cacheable", False):
        return {"csrf_token": TokenFilledByScript("")}
    return {}


@never_cache
@require_GET
def token(request):
    """A reader's CSRF token (and the cookie), plus a renewed comment form token when sent one."""
    payload = {"csrfToken": get_token(request)}
    form_token = request.GET.get("form_token", "")
    if form_token:
        payload["formToken"] = renewed_form_token(form_token)
    return JsonResponse(payload)


def _form_name(request) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a reader's form from a cached page gets one click to send it again.

    Only the readers' own forms, and only for a missing cookie or token (the origin was
    already checked by then); the reader's fields come back as hidden inputs, escaped,
    in a page that is never cached.
    """
    if _form_name(request) not in READER_FORMS or reason not in RESENDABLE_REASONS:
        return django_csrf_failure(request, reason)
    message = "Your browser did not send this form’s security token; please send it again."
    if wants_json(request):
        return JsonResponse({"error": message}, status=403)
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name != TOKEN_FIELD
        for value in values
    ]
    response = render(
        request,
        "csrf_resend.html",
        {
            "action": request.path,
            "fields": fields,
            "comment_text": request.POST.get("body", ""),
            "message": message,
        },
        status=403,
    )
    response["Cache-Control"] = "private, no-store"
    return response

"""Admin login throttling on top of django-axes: a pause per username across every address.

Axes locks a username and address pair after AXES_FAILURE_LIMIT wrong passwords. Guesses
spread over many addresses never reach that limit for any one pair, so this handler adds a
second, higher limit for the username alone (AXES_USERNAME_FAILURE_LIMIT, counted over all
addresses within the cool-off). Axes compares every lockout parameter with one and the same
limit, hence a handler rather than `AXES_LOCKOUT_PARAMETERS = [[...], "username"]`.

Past that limit signing in as the user is paused, not locked: the first pause is short and
each further wrong password doubles it, up to the cool-off. A real user who mistyped is
back in a minute; an attacker is slowed to a guess per cool-off. The pause applies to any
username, existing or not, so the answer never tells whether an account exists; only a real
account with an email address gets told, once per cool-off.
"""

import logging
import math
from datetime import datetime, timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger(__name__)

FIRST_PAUSE = timedelta(minutes=1)
# 2**20 minutes is far beyond any cool-off; the cap keeps the arithmetic small.
MAX_DOUBLINGS = 20


def _failures_within_cool_off(request, **filters) -> tuple[int, datetime | None]:
    """Wrong passwords matching filters whose last try is within the cool-off, and that last try."""
    since = timezone.now() - get_cool_off(request)
    totals = AccessAttempt.objects.filter(attempt_time__gte=since, **filters).aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )
    return totals["failures"] or 0, totals["last"]


def username_pause_ends(request, username: str | None) -> datetime | None:
    """When the pause on signing in as username ends, or None when it is not paused."""
    if not username:
        return None
    failures, last = _failures_within_cool_off(request, username=username)
    over_limit = failures - settings.AXES_USERNAME_FAILURE_LIMIT
    if over_limit < 0:
        return None
    pause = min(FIRST_PAUSE * 2 ** min(over_limit, MAX_DOUBLINGS), get_cool_off(request))
    ends = last + pause
    return ends if ends > timezone.now() else None


def _pair_lock_ends(request, credentials, username: str | None) -> datetime | None:
    """When axes's lock on this username from this address ends, or None when it is not locked."""
    failures, last = _failures_within_cool_off(
        request, username=username, ip_address=request.axes_ip_address
    )
    if failures < get_failure_limit(request, credentials):
        return None
    return last + get_cool_off(request)


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes's database handler, plus the pause per username across all addresses."""

    def is_locked(self, request, credentials=None) -> bool:
        username = get_client_username(request, credentials)
        return super().is_locked(request, credentials) or bool(
            username_pause_ends(request, username)
        )

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        """After axes has recorded the failure, pause the username if it is now over its limit."""
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out:
            return
        username = get_client_username(request, credentials)
        if not username_pause_ends(request, username):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes", request=request, username=username, ip_address=request.axes_ip_address
        )
        # One email per cool-off, however many tries the pause goes on refusing meanwhile.
        cool_off = get_cool_off(request)
        if cache.add(f"login-throttle-notified:{username}", True, cool_off.total_seconds()):
            notify_account_owner(username=username, pause=cool_off)


def notify_account_owner(*, username: str, pause: timedelta) -> None:
    """Tell the account's owner that signing in as them is paused (kept small for a task queue).

    Nobody is told when the username has no account or no email address.
    """
    user = get_user_model().objects.filter(**{get_user_model().USERNAME_FIELD: username}).first()
    if user is None or not user.email:
        return
    try:
        send_mail(
            subject=f"Sign-in to {settings.SITE_NAME} paused after many wrong passwords",
            message=(
                f"Many wrong passwords were tried for your account “{username}” from "
                "several addresses, so signing in as you is paused for up to "
                f"{math.ceil(pause.total_seconds() / 60)} minutes.\n\n"
                "If that was you, wait and try again. If not, someone is guessing your "
                "password: choose a long one nobody could guess, and tell an administrator.\n"
            ),
            from_email=None,
            recipient_list=[user.email],
        )
    except Exception:
        # The pause protects the account either way; a mail server being down must not
        # turn the refused sign-in into an error page.
        logger.exception("Could not email the owner of %s about the sign-in pause", username)


def lockout_response(request, original_response=None, credentials=None):
    """The 429 page (AXES_LOCKOUT_CALLABLE), with a Retry-After for the longest lock in force."""
    username = get_client_username(request, credentials)
    pair_ends = _pair_lock_ends(request, credentials, username)
    username_ends = username_pause_ends(request, username)
    ends = max(
        (moment for moment in (pair_ends, username_ends) if moment),
        default=timezone.now() + get_cool_off(request),
    )
    seconds = max(1, math.ceil((ends - timezone.now()).total_seconds()))
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "is_username_pause": pair_ends is None,
        "minutes": math.ceil(seconds / 60),
    }
    response = render(
        request, settings.AXES_LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    response["Retry-After"] = str(seconds)
    return response

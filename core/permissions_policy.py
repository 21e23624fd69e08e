"""The Permissions-Policy header: browser features no page of the site uses are turned off."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Send ``feature=()`` for each of settings.PERMISSIONS_POLICY_DISABLED on every response.

    The site needs no camera, microphone, location, payment or USB access: turning them
    off means a script that got in anyway, or a frame it opens, cannot ask for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DISABLED)

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", self.header)
        return response

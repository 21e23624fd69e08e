"""JSON answers of the staff endpoints the admin's scripts call: one shape for every refusal.

Errors are ``{"errors": {field: [message, ...]}}``, as Django's form errors are; a
refusal that concerns no field is under ``"__all__"``, as a form's non-field errors are.
"""

from django.http import JsonResponse


def json_refusal(message: str, *, status: int = 403) -> JsonResponse:
    """A refusal that concerns no one field: no permission (403), no such object (404)."""
    return JsonResponse({"errors": {"__all__": [message]}}, status=status)


def json_field_errors(errors) -> JsonResponse:
    """A 400 naming what is wrong field by field: a form's ``errors``, or a dict like it."""
    return JsonResponse(
        {"errors": {field: list(messages) for field, messages in errors.items()}}, status=400
    )

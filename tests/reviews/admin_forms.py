"""Helpers for admin tests: post a change form back as a browser would after editing it."""

from django.db.models.fields.files import FieldFile
from django.urls import reverse


def change_url(review) -> str:
    """The admin change page of ``review``."""
    return reverse("admin:reviews_review_change", args=[review.pk])


def _encoded(bound_field):
    value = bound_field.value()
    if isinstance(value, bool):
        return "on" if value else None
    if value is None or isinstance(value, FieldFile):
        return None
    return bound_field.field.widget.format_value(value)


def form_data(response, **changes) -> dict:
    """The data a browser would post for the admin form in ``response``, with ``changes``."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    for form in forms:
        for bound_field in form:
            value = _encoded(bound_field)
            if value is not None:
                data[bound_field.html_name] = value
    data.update(changes)
    return data

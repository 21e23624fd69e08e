"""The JSON endpoints of the review admin's editor: the live preview and autosave.

The preview renders with the server's own pipeline (reviews.markdown.render_body), so the writer
sees what readers will get; autosave keeps the form's text per user and review
(reviews.autosaves), never in the review. The editor itself is reviews.widgets.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

from core.json_answers import json_field_errors, json_refusal
from reviews import autosaves
from reviews.forms import AutosaveForm, validate_body
from reviews.markdown import render_body


class EditorEndpoints:
    """The JSON endpoints of the review admin's editor, for a ModelAdmin of reviews.

    Under /admin/ through ``admin_view``: signed-out users and non-staff are sent to
    the login page, and POSTs are CSRF-checked. Each view then checks the review
    permissions itself and answers 403 JSON without them.
    """

    def get_editor_urls(self):
        def view(function):
            return self.admin_site.admin_view(require_POST(function))

        return [
            path(
                "preview-markdown/",
                view(self.preview_markdown_view),
                name="reviews_review_preview_markdown",
            ),
            path("autosave/", view(self.autosave_view), name="reviews_review_autosave"),
            path(
                "autosave/discard/",
                view(self.discard_autosave_view),
                name="reviews_review_autosave_discard",
            ),
        ]

    def autosave_context(self, request, review):
        """For the change form's template: the autosave to offer on opening (GET), if any."""
        offer = None
        if request.method == "GET":
            offer = autosaves.autosave_to_offer(user=request.user, review=review)
        return {
            "autosave_review_id": review.pk if review else "",
            "autosave_offer": offer,
            "site_time_zone": settings.TIME_ZONE,
        }

    def preview_markdown_view(self, request):
        """Render ``body`` exactly as readers will get it: {"html", "toc", "warnings"}."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            return json_refusal("You may not write reviews.")
        body = request.POST.get("body", "")
        try:
            validate_body(body)
        except forms.ValidationError as error:
            return json_field_errors({"body": error.messages})
        rendered = render_body(body)
        return JsonResponse(
            {"html": rendered.html, "toc": rendered.toc, "warnings": rendered.warnings}
        )

    def autosave_view(self, request):
        """Keep the posted form fields as the user's autosave of review ``review`` (empty: new)."""
        try:
            review = self.autosaved_review(request)
        except PermissionDenied as denied:
            return json_refusal(str(denied))
        except Http404 as missing:
            return json_refusal(str(missing), status=404)
        form = AutosaveForm(request.POST)
        if not form.is_valid():
            return json_field_errors(form.errors)
        autosave = autosaves.save_autosave(
            user=request.user, review=review, fields=form.cleaned_data
        )
        return JsonResponse({"saved_at": autosave.saved_at.isoformat()})

    def discard_autosave_view(self, request):
        try:
            review = self.autosaved_review(request)
        except PermissionDenied as denied:
            return json_refusal(str(denied))
        except Http404 as missing:
            return json_refusal(str(missing), status=404)
        autosaves.discard_autosave(user=request.user, review=review)
        return JsonResponse({"discarded": True})

    def autosaved_review(self, request):
        """The review named by POST ``review`` that the user may change; None for a new one.

        Raises Http404 for a review outside the user's reach (another writer's is
        not even admitted to exist) and PermissionDenied without the permission.
        """
        review_id = request.POST.get("review", "")
        if not review_id:
            if not self.has_add_permission(request):
                raise PermissionDenied("You may not write reviews.")
            return None
        review = self.get_object(request, review_id) if review_id.isdigit() else None
        if review is None:
            raise Http404("No such review.")
        if not self.has_change_permission(request, review):
            raise PermissionDenied("You may not change this review.")
        return review

"""Form widgets of the review admin: the body's Markdown editor.

static/js/review-editor.js turns the textarea into EasyMDE (built into static/vendor/
by `make` from package.json, never fetched at run time) with a toolbar, a live preview
rendered by the server (reviews.editor) and images from the library. Without the built
widget, or without JavaScript, the body stays a plain textarea that saves as before.
"""

from django import forms
from django.contrib.staticfiles import finders
from django.urls import reverse

EASYMDE = "vendor/easymde/easymde.min.js"


class MarkdownEditor(forms.Textarea):
    """The body's textarea, carrying the URLs its editor calls, with the editor's files."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 24, "class": "markdown-editor", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(editor_endpoint_urls())
        return context

    @property
    def media(self):
        # The editor's own files only when `make` built them: a missing file would break
        # the page under the hashed static storage, and the textarea works without them.
        if not finders.find(EASYMDE):
            return forms.Media()
        return forms.Media(
            css={
                "all": [
                    "vendor/font-awesome/css/font-awesome.min.css",
                    "vendor/easymde/easymde.min.css",
                    "css/review.css",
                    "css/review-editor.css",
                ]
            },
            js=[EASYMDE, "js/review-editor.js"],
        )


def editor_endpoint_urls() -> dict[str, str]:
    """The endpoints the editor calls: the preview, and the image library's picker and upload."""
    return {
        "data-preview-url": reverse("admin:reviews_review_preview_markdown"),
        "data-picker-url": reverse("admin:images_image_picker"),
        "data-upload-url": reverse("admin:images_image_upload"),
    }

"""The review form of the admin: edit-conflict detection, body and tag limits, workflow inputs."""

from datetime import datetime

from django import forms
from django.conf import settings
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from reviews.authors import author_name
from reviews.markdown import (
    MAX_BODY_LENGTH,
    MAX_NESTING_DEPTH,
    body_nesting,
    foreign_image_sources,
)
from reviews.models import MAX_TAGS, Review
from reviews.widgets import MarkdownEditor

TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length


def last_editor_name(review: Review) -> str:
    """Who made the latest saved revision of ``review``, by name (never by email)."""
    version = Version.objects.get_for_object(review).select_related("revision__user").first()
    user = version.revision.user if version else None
    if user is None:
        return "someone else"
    return author_name(user)


def validate_body(body: str) -> None:
    """Refuse what would cost long to render or lose text, before rendering it."""
    if len(body) > MAX_BODY_LENGTH:
        raise forms.ValidationError(
            "The body may be at most %(limit)s characters long; this one has %(length)s. "
            "Split it into two reviews or shorten it.",
            code="body_too_long",
            params={"limit": f"{MAX_BODY_LENGTH:,}", "length": f"{len(body):,}"},
        )
    nesting = body_nesting(body)
    if nesting.depth > MAX_NESTING_DEPTH:
        raise forms.ValidationError(
            "Lists, quotes and spoilers may sit at most %(limit)d levels inside each "
            "other; around line %(line)d they go deeper. Flatten them there.",
            code="body_nested_too_deep",
            params={"limit": MAX_NESTING_DEPTH, "line": nesting.line},
        )
    foreign = foreign_image_sources(body)
    if foreign:
        raise forms.ValidationError(
            "Only images from the image library may appear in a review; “%(source)s” is "
            "not one (images from elsewhere would reveal readers to that site). Upload it "
            "to the library and place it as ![alt text](image:ID).",
            code="foreign_image",
            params={"source": foreign[0][:120]},
        )


class ReviewAdminForm(forms.ModelForm):
    """Refuses a save based on an outdated copy of the review, keeping the editor's text.

    ``loaded_version`` carries the review's ``updated_at`` as it was when the
    form was opened. If the review was saved since, the save is refused with a
    message naming who saved it and when; the bound form keeps everything
    typed. The hidden value is then moved to the current version, so saving
    again is a deliberate choice to keep this text over the other one.

    ``clean`` compares with the copy the admin read for this request; a save
    committed after that read is caught by ``reviews.services.save_review``,
    which checks ``loaded_updated_at()`` again under the row lock.
    """

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)
    workflow_publish_at = forms.DateTimeField(
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    workflow_note = forms.CharField(
        label="Note to the writer",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when sending the review back: say what to change.",
    )

    # The revision view restores an old copy on purpose; it turns the check off.
    check_conflicts = True

    class Meta:
        model = Review
        fields = [
            "title",
            "season",
            "headline",
            "slug",
            "excerpt",
            "body",
            "verdict",
            "editor_score",
            "tags",
            "cover",
            "comments_open",
            "is_featured",
            "meta_description",
        ]
        widgets = {"body": MarkdownEditor}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["loaded_version"] = self.instance.updated_at.isoformat()
        zone = settings.TIME_ZONE
        self.fields["workflow_publish_at"].label = f"Publish at ({zone} time)"
        self.fields["workflow_publish_at"].help_text = (
            f"Time in {zone}, the site's time zone. Empty publishes now; "
            "a future time schedules the review."
        )

    def clean_body(self):
        body = self.cleaned_data["body"]
        validate_body(body)
        return body

    def clean_tags(self):
        names = self.cleaned_data["tags"]
        if len(names) > MAX_TAGS:
            raise forms.ValidationError(
                "A review may have at most %(limit)d tags; this one has %(count)d.",
                code="too_many_tags",
                params={"limit": MAX_TAGS, "count": len(names)},
            )
        too_long = [name for name in names if len(name) > TAG_NAME_MAX_LENGTH]
        if too_long:
            raise forms.ValidationError(
                "A tag may be at most %(limit)d characters long: “%(tag)s…” is longer.",
                code="tag_too_long",
                params={"limit": TAG_NAME_MAX_LENGTH, "tag": too_long[0][:40]},
            )
        return names

    def clean(self):
        cleaned_data = super().clean()
        if self.check_conflicts and self.instance.pk:
            current = self.instance.updated_at.isoformat()
            if cleaned_data.get("loaded_version") != current:
                self.data = self.data.copy()
                self.data[self.add_prefix("loaded_version")] = current
                saved_at = timezone.localtime(self.instance.updated_at)
                raise forms.ValidationError(
                    "%(who)s saved this review at %(when)s (%(zone)s) after you opened it. "
                    "Your text is kept below and was not saved. Compare it with the "
                    "history, then save again to keep your version.",
                    code="edit_conflict",
                    params={
                        "who": last_editor_name(self.instance),
                        "when": saved_at.strftime("%Y-%m-%d %H:%M:%S"),
                        "zone": settings.TIME_ZONE,
                    },
                )
        return cleaned_data

    def loaded_updated_at(self) -> datetime | None:
        """The validated form's ``loaded_version`` as a time; None when nothing is to be checked.

        After ``clean`` it equals the instance's ``updated_at``, so it always parses.
        """
        if not (self.check_conflicts and self.instance.pk):
            return None
        return datetime.fromisoformat(self.cleaned_data["loaded_version"])


class AutosaveForm(forms.Form):
    """The review form's text fields as the editor autosaves them: kept as typed, size-limited.

    Limits follow the review's own fields and the form's body and tag limits; the
    excerpt and final summary, unbounded there, get generous bounds. A post over any
    limit is refused whole, with the field's message.
    """

    headline = forms.CharField(required=False, strip=False, max_length=250)
    slug = forms.CharField(required=False, strip=False, max_length=200)
    excerpt = forms.CharField(required=False, strip=False, max_length=5_000)
    body = forms.CharField(required=False, strip=False, max_length=MAX_BODY_LENGTH)
    verdict = forms.CharField(required=False, strip=False, max_length=10_000)
    editor_score = forms.CharField(required=False, max_length=10)
    # Each name may be quoted and is followed by ", ".
    tags = forms.CharField(
        required=False, strip=False, max_length=MAX_TAGS * (TAG_NAME_MAX_LENGTH + 4)
    )
    meta_description = forms.CharField(required=False, strip=False, max_length=300)

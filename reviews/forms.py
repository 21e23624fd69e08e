"""The review form of the admin: three-way merge of edits, body and tag limits, workflow inputs."""

import hashlib
import json

from django import forms
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag

from reviews import services
from reviews.authors import author_name
from reviews.markdown import (
    MAX_BODY_LENGTH,
    MAX_NESTING_DEPTH,
    body_nesting,
    foreign_image_sources,
)
from reviews.merging import (
    MERGED_FIELDS,
    TEXT_FIELDS,
    apply_values,
    combined_text,
    dump_snapshot,
    field_diffs,
    load_snapshot,
    merge,
    plain_value,
    review_values,
)
from reviews.models import MAX_TAGS, PendingChange, Review
from reviews.widgets import MarkdownEditor

TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length
MERGE_CHOICES = {"mine": "Keep mine", "theirs": "Keep theirs", "combined": "Use the combined text"}


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


def fingerprint(value) -> str:
    """A short digest of a plain value: which version of a field a merge choice was made on."""
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:20]


def shown_value(value) -> str:
    """A field's value as the conflict screen shows it."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    if value is None or value is False or value == "":
        return "(empty)"
    return str(getattr(value, "name", value) or "(empty)")


class ReviewAdminForm(forms.ModelForm):
    """Merges the editor's changes with whatever was saved since the form was opened.

    ``loaded_version`` carries a signed snapshot of the fields as they were
    loaded (the merge base). On save, a field changed only by the editor takes
    their value; changed only by someone else, it keeps that value; changed by
    both to different values, the save is sent back with both versions side by
    side and a choice per field (``merge-<field>``), made against the version
    shown (``merge-<field>-seen``). A live review is edited as its unpublished
    changes (reviews.models.PendingChange), which are what it merges with.

    ``clean`` merges with the copy the admin read for this request; a save
    committed after that read is caught by the services, which compare
    ``merged_version()`` under the row lock, and the admin merges again.

    The admin sets ``editing_user`` and the pressed buttons, so a refused
    workflow move is a form error before anything is saved.
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

    # The revision view restores an old copy on purpose; it turns the merge off.
    check_conflicts = True
    # Set by the admin for each request: who saves, and the buttons they pressed.
    editing_user = None
    pressed_move = None
    publishes_pending_changes = False

    class Meta:
        model = Review
        fields = list(MERGED_FIELDS)
        widgets = {"body": MarkdownEditor}

    def __init__(self, *args, instance=None, **kwargs):
        self.pending = None
        if instance is not None and instance.is_live and self.check_conflicts:
            self.pending = PendingChange.objects.filter(review=instance).first()
        if self.pending is not None:
            apply_values(instance, self.pending.values)
        super().__init__(*args, instance=instance, **kwargs)
        self.merge_conflicts = []
        if self.instance.pk:
            if self.pending is not None:
                tag_names = self.pending.values["tags"]
                self.initial["tags"] = [Tag(name=name) for name in tag_names]
            else:
                tag_names = [tag.name for tag in self.initial.get("tags", [])]
            self.saved_values = review_values(self.instance, tag_names)
            self.initial["loaded_version"] = dump_snapshot(
                values=self.saved_values, version=self.merged_version()
            )
        zone = settings.TIME_ZONE
        self.fields["workflow_publish_at"].label = f"Publish at ({zone} time)"
        self.fields["workflow_publish_at"].help_text = (
            f"Time in {zone}, the site's time zone. Empty publishes now; "
            "a future time schedules the review."
        )

    def clean_headline(self):
        """An editor's own headline may not be one that another review shows readers."""
        headline = self.cleaned_data["headline"]
        other = (
            Review.objects.exclude(pk=self.instance.pk).filter(display_headline=headline).first()
            if headline
            else None
        )
        if other:
            raise forms.ValidationError(
                "Another review already shows readers this headline: “%(other)s” "
                "(/reviews/%(slug)s/). Choose another, or leave it empty to compose one.",
                code="headline_taken",
                params={"other": other.display_headline, "slug": other.slug},
            )
        return headline

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
        self.refuse_pressed_buttons(cleaned_data)
        merged_fields = [name for name in MERGED_FIELDS if name in self.fields]
        has_every_field = all(name in cleaned_data for name in merged_fields)
        if self.check_conflicts and self.instance.pk and has_every_field:
            self.merge_with_saved_version(cleaned_data, merged_fields)
        return cleaned_data

    def refuse_pressed_buttons(self, cleaned_data):
        """A workflow button the editor may not press refuses the whole save."""
        user = self.editing_user
        if user is None:
            return
        if self.instance.pk is None:
            self.instance.author = user
        reason = None
        if self.pressed_move is not None:
            reason = services.move_refusal(
                move=self.pressed_move,
                user=user,
                review=self.instance,
                note=cleaned_data.get("workflow_note") or "",
            )
        if reason is None and self.publishes_pending_changes:
            reason = services.pending_change_refusal(
                user=user, review=self.instance, publishing=True
            )
        if reason:
            raise forms.ValidationError(reason, code="refused")

    def merge_with_saved_version(self, cleaned_data, merged_fields):
        try:
            base = load_snapshot(cleaned_data.get("loaded_version") or "")
        except signing.BadSignature as damaged:
            raise forms.ValidationError(
                "This copy of the form cannot be compared with the saved review: it is from an "
                "older page or was altered. Copy your text, then open the review again.",
                code="bad_snapshot",
            ) from damaged
        mine = dict(self.saved_values)
        mine.update((name, plain_value(name, cleaned_data[name])) for name in merged_fields)
        result = merge(base=base, theirs=self.saved_values, mine=mine)
        unresolved = []
        for name in result.conflicts:
            choice = self.data.get(f"merge-{name}")
            seen = self.data.get(f"merge-{name}-seen")
            if seen != fingerprint(self.saved_values[name]) or choice not in self.choices(name):
                unresolved.append(name)
            elif choice == "theirs":
                result.theirs.add(name)
            elif choice == "combined":
                cleaned_data[name] = self.fields[name].clean(self.data.get(f"merge-{name}-text"))
                if name == "body":
                    self.clean_body()
        for name in result.theirs.intersection(merged_fields):
            if mine[name] != self.saved_values[name]:
                cleaned_data[name] = self.saved_value(name)
        if unresolved:
            self.show_conflicts(unresolved, base, mine, cleaned_data)

    @staticmethod
    def choices(name: str) -> dict[str, str]:
        if name in TEXT_FIELDS:
            return MERGE_CHOICES
        return {key: label for key, label in MERGE_CHOICES.items() if key != "combined"}

    def saved_value(self, name: str):
        """The saved version's value of field ``name``, as the form's cleaned data holds it."""
        if name == "tags":
            return self.saved_values["tags"]
        return getattr(self.instance, name)

    def show_conflicts(self, names, base, mine, cleaned_data):
        for name in names:
            conflict = {
                "name": name,
                "label": self.fields[name].label,
                "theirs": shown_value(self.saved_value(name)),
                "mine": shown_value(cleaned_data[name]),
                "seen": fingerprint(self.saved_values[name]),
                "choices": self.choices(name).items(),
            }
            if name in TEXT_FIELDS:
                theirs, own = self.saved_values[name], mine[name]
                conflict["diff"] = field_diffs({name: theirs}, {name: own})[0]["lines"]
                conflict["combined"] = combined_text(
                    base=base.get(name) or "", theirs=theirs, mine=own
                )
            self.merge_conflicts.append(conflict)
        if isinstance(cleaned_data.get("cover"), UploadedFile):
            self.add_error("cover", "A form sent back cannot keep an upload: choose it again.")
        if self.pending is not None:
            who = author_name(self.pending.saved_by) if self.pending.saved_by else "someone else"
        else:
            who = last_editor_name(self.instance)
        saved_at = self.pending.saved_at if self.pending else self.instance.updated_at
        raise forms.ValidationError(
            "%(who)s saved this review at %(when)s (%(zone)s) after you opened it, changing "
            "the same fields as you: %(fields)s. Nothing was saved yet. Their other changes "
            "and yours are merged; for these fields choose below which version to keep, "
            "then save again.",
            code="edit_conflict",
            params={
                "who": who,
                "when": timezone.localtime(saved_at).strftime("%Y-%m-%d %H:%M:%S"),
                "zone": settings.TIME_ZONE,
                "fields": ", ".join(str(conflict["label"]) for conflict in self.merge_conflicts),
            },
        )

    def merged_version(self) -> str | None:
        """The services.version_stamp this form merged with; None when nothing is checked."""
        if not (self.check_conflicts and self.instance.pk):
            return None
        return services.version_stamp(review=self.instance, pending=self.pending)


def max_length(name: str) -> int:
    """The stored length of the review's field ``name``."""
    return Review._meta.get_field(name).max_length


class AutosaveForm(forms.Form):
    """The review form's text fields as the editor autosaves them: kept as typed, size-limited.

    Limits follow the review's own fields and the form's body and tag limits; the
    excerpt and final summary, unbounded there, get generous bounds. A post over any
    limit is refused whole, with the field's message.
    """

    headline = forms.CharField(required=False, strip=False, max_length=max_length("headline"))
    slug = forms.CharField(required=False, strip=False, max_length=max_length("slug"))
    excerpt = forms.CharField(required=False, strip=False, max_length=5_000)
    body = forms.CharField(required=False, strip=False, max_length=MAX_BODY_LENGTH)
    verdict = forms.CharField(required=False, strip=False, max_length=10_000)
    editor_score = forms.CharField(required=False, max_length=10)
    # Each name may be quoted and is followed by ", ".
    tags = forms.CharField(
        required=False, strip=False, max_length=MAX_TAGS * (TAG_NAME_MAX_LENGTH + 4)
    )
    meta_description = forms.CharField(
        required=False, strip=False, max_length=max_length("meta_description")
    )

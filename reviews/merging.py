"""Three-way merge of review edits: the copy an editor loaded, the one saved since, and theirs.

Every editable field of the review form (tags included) is compared as a plain,
JSON-friendly value: a foreign key as its id, a score as "7.5", a cover as its
file name, tags as their sorted names. The same values are what a pending change
stores (reviews.models.PendingChange), so a live review's unpublished version
merges exactly like the review itself.

A field changed on one side only takes that side's value; changed on both sides
to different values it is a conflict, which the editor resolves by choosing.
"""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal

from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile

from reviews.models import Review

# The fields of the review admin's form (reviews.forms.ReviewAdminForm), each merged.
MERGED_FIELDS = (
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
)
# Fields whose two versions can be combined into one text by the editor.
TEXT_FIELDS = ("headline", "excerpt", "body", "verdict", "meta_description")
SNAPSHOT_SALT = "reviews.merging.loaded"
# Fields that are derived or bookkeeping: not worth showing in a comparison.
NOT_COMPARED = {"id", "body_html", "toc", "display_headline", "created_at", "updated_at"}


def plain_value(name: str, value):
    """``value`` of field ``name`` (as a model or a form holds it) as merging compares it."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return f"{value:.1f}"
    if isinstance(value, UploadedFile):
        return f"upload:{value.name}"
    if isinstance(value, FieldFile):
        return value.name or ""
    if name == "cover" and not value:
        return ""
    if name == "tags":
        return sorted(value or [])
    if isinstance(value, str):
        # As a form posts it back: browsers send CRLF line ends, the form strips the ends.
        return value.replace("\r\n", "\n").strip()
    return value


def review_values(review: Review, tag_names) -> dict:
    """The merged fields of ``review`` as plain values (foreign keys without a query)."""
    values = {}
    for name in MERGED_FIELDS:
        if name == "tags":
            values[name] = sorted(tag_names)
            continue
        model_field = Review._meta.get_field(name)
        if model_field.many_to_one:
            values[name] = getattr(review, model_field.attname)
        else:
            values[name] = plain_value(name, getattr(review, name))
    return values


def apply_values(review: Review, values: dict) -> None:
    """Set ``review``'s fields (in memory, tags aside) to the plain ``values``."""
    for name, value in values.items():
        if name == "tags":
            continue
        model_field = Review._meta.get_field(name)
        if model_field.many_to_one:
            setattr(review, model_field.attname, value)
        elif isinstance(model_field, models.DecimalField):
            setattr(review, name, None if value is None else Decimal(value))
        else:
            setattr(review, name, value)


def dump_snapshot(*, values: dict, version: str) -> str:
    """The signed hidden-field value recording the version an editor loaded."""
    return signing.dumps({"values": values, "version": version}, salt=SNAPSHOT_SALT, compress=True)


def load_snapshot(token: str) -> dict:
    """The values of a snapshot; raises signing.BadSignature when it was not made here."""
    return signing.loads(token, salt=SNAPSHOT_SALT)["values"]


@dataclass
class Merge:
    """Which side each field is taken from, and the fields both sides changed differently."""

    theirs: set[str] = field(default_factory=set)
    conflicts: list[str] = field(default_factory=list)


def merge(*, base: dict, theirs: dict, mine: dict) -> Merge:
    """Merge field by field; a field missing from ``base`` counts as changed by both."""
    result = Merge()
    for name in MERGED_FIELDS:
        loaded = base.get(name, object())
        if mine[name] == loaded or mine[name] == theirs[name]:
            result.theirs.add(name)
        elif theirs[name] != loaded:
            result.conflicts.append(name)
    return result


def combined_text(*, base: str, theirs: str, mine: str) -> str:
    """Both sides' edits of a text in one: each side's changed lines, theirs first where both
    changed the same lines. The starting point for an editor combining two versions."""
    base_lines = base.splitlines(keepends=True)

    def changes(other: str):
        other_lines = other.splitlines(keepends=True)
        matcher = difflib.SequenceMatcher(None, base_lines, other_lines, autojunk=False)
        return [
            (start, end, other_lines[other_start:other_end])
            for tag, start, end, other_start, other_end in matcher.get_opcodes()
            if tag != "equal"
        ]

    def version(start: int, end: int, side_changes) -> list[str]:
        lines, cursor = [], start
        for change_start, change_end, replacement in side_changes:
            lines += base_lines[cursor:change_start] + replacement
            cursor = change_end
        return lines + base_lines[cursor:end]

    hunks = sorted(
        [(*change, "theirs") for change in changes(theirs)]
        + [(*change, "mine") for change in changes(mine)],
        key=lambda hunk: (hunk[0], hunk[1]),
    )
    merged, position, index = [], 0, 0
    while index < len(hunks):
        start, end = hunks[index][0], hunks[index][1]
        group = [hunks[index]]
        index += 1
        while index < len(hunks) and hunks[index][0] <= end:
            end = max(end, hunks[index][1])
            group.append(hunks[index])
            index += 1
        merged += base_lines[position:start]
        versions = []
        for side in ("theirs", "mine"):
            side_changes = [hunk[:3] for hunk in group if hunk[3] == side]
            if side_changes:
                versions.append(version(start, end, side_changes))
        if len(versions) == 2 and versions[0] != versions[1]:
            if versions[0] and not versions[0][-1].endswith("\n"):
                versions[0][-1] += "\n"
            merged += versions[0] + versions[1]
        else:
            merged += versions[0]
        position = end
    return "".join(merged + base_lines[position:])


def field_diffs(older: dict, newer: dict) -> list[dict]:
    """The fields that differ, each with its unified-diff lines (escaped by the template)."""
    changes = []
    for name in sorted(set(older) | set(newer)):
        if name in NOT_COMPARED:
            continue
        before, after = str(older.get(name, "")), str(newer.get(name, ""))
        if before == after:
            continue
        lines = difflib.unified_diff(
            before.splitlines(), after.splitlines(), "older", "newer", lineterm="", n=2
        )
        changes.append({"field": name, "lines": list(lines)[2:]})
    return changes

"""The editorial back office for reviews: workflow buttons, writer limits, revisions, previews,
and the authors' public profiles.

Status and publish time are never form fields: they change only through the
workflow buttons and list actions, which call reviews.services. So a writer
posting ``status=published`` to the form changes nothing, and every move is
permission-checked and recorded in one place.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin
from reversion.models import Version

from core.public_urls import absolute_url
from reviews import autosaves, services
from reviews.editor import EditorEndpoints
from reviews.forms import ReviewAdminForm
from reviews.merging import field_diffs, review_values
from reviews.models import AuthorProfile, PendingChange, Review, Transition
from reviews.presence import PresenceAdminMixin
from reviews.previews import make_preview_token
from reviews.scores import reader_summary


class TransitionInline(admin.TabularInline):
    """The workflow log, newest first, on the review's page; it is written only by services."""

    model = Transition
    fields = ["at", "by", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "workflow step"
    verbose_name_plural = "Workflow log"

    def has_view_permission(self, request, obj=None):
        """Whoever may see the review may see its log (writers have no Transition perms)."""
        return request.user.has_perm("reviews.view_review")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def latest_return_note(review: Review) -> Transition | None:
    """The editor's note when the review was last sent back and is still a draft."""
    if review.status != Review.Status.DRAFT:
        return None
    last = review.transitions.select_related("by").first()
    if last and last.from_status == Review.Status.IN_REVIEW and last.note:
        return last
    return None


@admin.register(Review)
class ReviewAdmin(PresenceAdminMixin, EditorEndpoints, VersionAdmin):
    form = ReviewAdminForm
    change_form_template = "admin/reviews/review/change_form.html"
    object_history_template = "admin/reviews/review/object_history.html"
    list_display = [
        "display_headline",
        "title",
        "author",
        "status",
        "publish_time",
        "is_featured",
        "updated_at",
        "reader_ratings",
    ]
    list_filter = ["status", "is_featured", "title__genres"]
    list_select_related = ["title", "author"]
    search_fields = ["display_headline", "headline", "slug", "title__name"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["title", "season"]
    inlines = [TransitionInline]
    actions = ["publish_now", "archive_selected"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ["title", "season", "headline", "slug", "loaded_version"]}),
            (
                "Article",
                {"fields": ["excerpt", "body", "verdict", "editor_score", "tags", "cover"]},
            ),
            (
                "Publishing",
                {
                    "fields": [
                        "status",
                        "publish_time",
                        "author",
                        "comments_open",
                        "is_featured",
                        "meta_description",
                    ]
                },
            ),
        ]
        if request.user.has_perm("reviews.publish_review"):
            fieldsets.append(
                (
                    "Workflow",
                    {
                        "fields": ["workflow_publish_at", "workflow_note"],
                        "description": "Used by the Publish and Send back buttons below.",
                    },
                )
            )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = ["status", "publish_time", "author"]
        if not request.user.has_perm("reviews.edit_others_review"):
            readonly.append("is_featured")
        if obj is not None and obj.is_live:
            # An upload would be stored at once, outside the unpublished changes.
            readonly.append("cover")
        return readonly

    @admin.display(description=f"Publish time ({settings.TIME_ZONE} time)", ordering="publish_at")
    def publish_time(self, review):
        if review.publish_at is None:
            return "Not set"
        shown = timezone.localtime(review.publish_at).strftime("%Y-%m-%d %H:%M")
        state = "live" if review.is_live else "scheduled"
        if review.status != Review.Status.PUBLISHED:
            state = review.get_status_display().lower()
        return f"{shown} {settings.TIME_ZONE} ({state})"

    # Who sees and changes what.

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm("reviews.edit_others_review"):
            return queryset
        return queryset.filter(author=request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or services.can_edit(user=request.user, review=obj))

    def has_publish_permission(self, request):
        return request.user.has_perm("reviews.publish_review")

    def has_archive_permission(self, request):
        return request.user.has_perm("reviews.archive_review")

    @admin.display(description="reader ratings", ordering="rating_count")
    def reader_ratings(self, review):
        """The readers' average, linking to those ratings (kept by the ratings app's admin)."""
        if not review.rating_count:
            return "none yet"
        url = f"{reverse('admin:ratings_rating_changelist')}?review__id__exact={review.pk}"
        return format_html('<a href="{}">{}</a>', url, reader_summary(review))

    # Saving: the form's content, then the workflow button that was pressed.

    def save_model(self, request, obj, form, change):
        restored = getattr(request, "review_before_restore", None)
        if restored:
            obj.status, obj.publish_at = restored.status, restored.publish_at
        autosaves.discard_autosave(user=request.user, review=obj if change else None)
        if change and obj.is_live:
            self.save_pending_changes(request, obj, form, restored)
            return
        services.save_review(review=obj, by=request.user, loaded_version=form.merged_version())
        self.warn_about_saved_text(request, obj)
        move = self.pressed_move(request)
        if move is not None:
            self.apply_move(request, obj, move, form.cleaned_data)

    @staticmethod
    def warn_about_saved_text(request, review):
        """What the editor should fix in the text just saved, though the save went through."""
        for warning in review.body_warnings:
            messages.warning(request, warning)
        if review.headline_shown_elsewhere:
            messages.warning(
                request,
                f"Another review already shows readers “{review.headline_shown_elsewhere}”, so "
                f"this one is headlined “{review.display_headline}”. Set a headline of its own "
                "to choose another.",
            )

    def save_pending_changes(self, request, obj, form, restored):
        """A live review's edit is kept apart from what readers see (services.save_pending_changes).

        A restored revision was written to the row already: the live text goes back.
        """
        tag_names = form.cleaned_data.get("tags", form.saved_values["tags"])
        if restored:
            restored.save()
        pending = services.save_pending_changes(
            review=obj,
            values=review_values(obj, tag_names),
            by=request.user,
            loaded_version=form.merged_version(),
        )
        request.saved_as_pending_changes = True
        obj.refresh_derived_fields()
        self.warn_about_saved_text(request, obj)
        if self.publishes_pending_changes(request):
            try:
                services.publish_pending_changes(review=obj, by=request.user)
            except services.TransitionNotAllowed as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, "Changes published: readers now see them.")
        elif (move := self.pressed_move(request)) is not None:
            self.apply_move(request, obj, move, form.cleaned_data)
        elif pending is None:
            messages.info(request, "Saved: the form matches the live version again.")
        else:
            messages.info(
                request, "Saved as unpublished changes: readers still see the live version."
            )

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        """After a save of unpublished changes, the admin's "changed successfully" would
        mislead: the messages of save_pending_changes say what happened instead."""
        if level == messages.SUCCESS and getattr(request, "saved_as_pending_changes", False):
            return
        super().message_user(request, message, level, *args, **kwargs)

    @staticmethod
    def pressed_move(request):
        return services.MOVES.get(request.POST.get("_transition", ""))

    @staticmethod
    def publishes_pending_changes(request) -> bool:
        return request.POST.get("_pending_changes") == "publish"

    def construct_change_message(self, request, form, formsets, add=False):
        """The history names a save that readers do not see yet as such."""
        message = super().construct_change_message(request, form, formsets, add)
        if not add and getattr(request, "saved_as_pending_changes", False):
            fields = ", ".join(str(form.fields[name].label) for name in form.changed_data)
            return f"Saved unpublished changes ({fields or 'none'}); readers see the live version."
        return message

    def save_related(self, request, form, formsets, change):
        """Tags are saved by services.set_review_tags, in a few queries however many there are.

        Taken out of the form's data first, so the form does not also save them tag by tag
        through taggit.
        """
        tag_names = form.cleaned_data.pop("tags", None)
        super().save_related(request, form, formsets, change)
        if getattr(request, "saved_as_pending_changes", False):
            return  # the tags are part of the unpublished changes
        if tag_names is not None:
            services.set_review_tags(review=form.instance, names=tag_names)

    def delete_model(self, request, obj):
        services.delete_reviews(reviews=[obj], by=request.user)

    def delete_queryset(self, request, queryset):
        services.delete_reviews(reviews=queryset, by=request.user)

    def apply_move(self, request, review, move, data):
        arguments = {}
        if move is services.PUBLISH:
            arguments["publish_at"] = data.get("workflow_publish_at")
        if move is services.RETURN:
            arguments["note"] = data.get("workflow_note", "")
        try:
            services.make_move(move=move, review=review, by=request.user, **arguments)
        except services.TransitionNotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request, f"{move.label}: done. The review is now {self.state(review)}."
            )

    @staticmethod
    def state(review):
        if review.status == Review.Status.PUBLISHED and not review.is_live:
            return "scheduled"
        return review.get_status_display().lower()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        attributes = {
            "editing_user": request.user,
            "pressed_move": self.pressed_move(request),
            "publishes_pending_changes": self.publishes_pending_changes(request),
        }
        if getattr(request, "review_before_restore", None):
            attributes["check_conflicts"] = False
        return type(form.__name__, (form,), attributes)

    # Pages.

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Answer a save that lost a race with the conflict message, as for any stale copy.

        The other save committed while this one waited for the review's row lock
        (reviews.services.save_review), and this whole request was rolled back.
        Handling the same post again reads the review as that save left it, so the
        form merges with it, sending back the fields both changed, under the
        buttons the review's status now allows.
        """
        try:
            return self.workflow_change_view(request, object_id, form_url, extra_context)
        except services.EditConflict:
            return self.workflow_change_view(request, object_id, form_url, extra_context)

    def workflow_change_view(self, request, object_id, form_url, extra_context):
        review = self.get_object(request, unquote(object_id))
        extra_context = {**(extra_context or {}), **self.workflow_context(request, review)}
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        moves = [services.SUBMIT]
        if self.has_publish_permission(request):
            moves.append(services.PUBLISH)
        extra_context = {
            **(extra_context or {}),
            "workflow_moves": moves,
            **self.autosave_context(request, None),
        }
        return super().add_view(request, form_url, extra_context)

    def workflow_context(self, request, review):
        if review is None:
            return {}
        preview_path = reverse("reviews:preview", kwargs={"token": make_preview_token(review)})
        return {
            **self.pending_changes_context(request, review),
            "workflow_moves": services.allowed_moves(user=request.user, review=review),
            "returned_note": latest_return_note(review),
            "preview_path": preview_path,
            "preview_url": absolute_url(preview_path, request=request),
            "site_time_zone": settings.TIME_ZONE,
            **self.presence_context(request, review),
            **self.autosave_context(request, review),
        }

    def pending_changes_context(self, request, review):
        """The banner of a live review's unpublished changes: their diff, preview and buttons."""
        if not review.is_live:
            return {}
        pending = PendingChange.objects.filter(review=review).select_related("saved_by").first()
        if pending is None:
            return {}
        live = review_values(review, review.tags.names())
        return {
            "pending_change": pending,
            "pending_diffs": field_diffs(live, pending.values),
            "may_publish_pending_changes": self.has_publish_permission(request),
            "discard_pending_url": reverse(
                "admin:reviews_review_discard_changes", args=[review.pk]
            ),
        }

    def discard_changes_view(self, request, object_id):
        """Discard a live review's unpublished changes (POST, from the change form's button)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        review = self.get_object(request, unquote(object_id))
        if review is None:
            raise Http404("No such review.")
        try:
            services.discard_pending_changes(review=review, by=request.user)
        except services.TransitionNotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "Changes discarded: the live version is unchanged.")
        return HttpResponseRedirect(reverse("admin:reviews_review_change", args=[review.pk]))

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore an old revision's text, never its workflow state.

        django-reversion reverts every field; status and publish time are put
        back as they are now, so restoring cannot publish or unpublish anything.
        """
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404("No such review.")
        # Checked here, not only by the change form: django-reversion keeps its
        # revert when the form answers with a redirect, as it does for objects
        # outside the user's queryset.
        if not self.has_change_permission(request, current):
            raise PermissionDenied
        request.review_before_restore = current
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        """Bringing back deleted reviews is for editors, who are the ones who may delete."""
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name="reviews_review_compare",
        )
        discard = path(
            "<path:object_id>/discard-changes/",
            self.admin_site.admin_view(self.discard_changes_view),
            name="reviews_review_discard_changes",
        )
        return [compare, discard, *self.get_editor_urls(), *super().get_urls()]

    def history_view(self, request, object_id, extra_context=None):
        versions = Version.objects.get_for_object_reference(Review, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            "versions": versions.select_related("revision__user"),
            "can_compare": request.user.has_perm("reviews.edit_others_review"),
        }
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id):
        """A line diff of each field between two saved revisions, for editors."""
        review = self.get_object(request, unquote(object_id))
        if review is None:
            raise Http404("No such review.")
        if not request.user.has_perm("reviews.edit_others_review"):
            raise PermissionDenied
        versions = Version.objects.get_for_object(review).select_related("revision__user")
        try:
            older = versions.get(pk=request.GET.get("from"))
            newer = versions.get(pk=request.GET.get("to"))
        except (Version.DoesNotExist, ValueError) as missing:
            raise Http404("Choose two revisions of this review to compare.") from missing
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": review,
            "title": f"Compare revisions of {review}",
            "older": older,
            "newer": newer,
            "changes": field_diffs(older.field_dict, newer.field_dict),
        }
        return TemplateResponse(request, "admin/reviews/review/compare.html", context)

    # List actions for editors.

    @admin.action(description="Publish selected reviews now", permissions=["publish"])
    def publish_now(self, request, queryset):
        self.apply_to_each(request, queryset, services.PUBLISH)

    @admin.action(description="Archive selected reviews", permissions=["archive"])
    def archive_selected(self, request, queryset):
        self.apply_to_each(request, queryset, services.ARCHIVE)

    def apply_to_each(self, request, queryset, move):
        done = 0
        for review in queryset:
            try:
                services.make_move(move=move, review=review, by=request.user)
            except services.TransitionNotAllowed as refusal:
                messages.warning(request, f"“{review}”: {refusal}")
            else:
                done += 1
        if done:
            messages.success(request, f"{done} review(s) updated.")


@admin.register(AuthorProfile)
class AuthorProfileAdmin(admin.ModelAdmin):
    """Who readers see on bylines; a staff user without a profile is bylined as the site."""

    list_display = ["display_name", "user", "slug", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["display_name", "user__username", "slug"]
    prepopulated_fields = {"slug": ["display_name"]}
    autocomplete_fields = ["user"]
    fields = ["user", "display_name", "slug", "bio", "avatar", "is_public"]

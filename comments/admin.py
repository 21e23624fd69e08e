"""The moderators' back office: comment queue, bulk decisions, replies, Discussion settings."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from comments.models import (
    BODY_MAX_LENGTH,
    Comment,
    CommentReport,
    DiscussionSettings,
    ModerationDecision,
)
from comments.services import DuplicateComment, edit_comment, moderate_comments, reply_to_comment

Status = Comment.Status


def local_time(value) -> str:
    """``value`` in the site's time zone, to the minute."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


class StatusFilter(admin.SimpleListFilter):
    """Opens on pending comments, the queue, and shows how many comments each status holds."""

    title = "status"
    parameter_name = "status"
    default = Status.PENDING
    show_all = "all"

    def lookups(self, request, model_admin):
        counts = Comment.objects.count_by_status()
        return [(value, f"{label} ({counts[value]})") for value, label in Status.choices]

    def value(self):
        return super().value() or self.default

    def choices(self, changelist):
        for value, label in [*self.lookup_choices, (self.show_all, "All")]:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        if self.value() == self.show_all:
            return queryset
        return queryset.filter(status=self.value())


class RecordInline(admin.TabularInline):
    """A comment's records (reports, decisions) are evidence: shown, never added or edited."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False


class ReportInline(RecordInline):
    model = CommentReport
    fields = ("created_at", "ip", "voter_id")
    verbose_name_plural = "reports by readers"


class DecisionInline(RecordInline):
    model = ModerationDecision
    fields = ("at", "by", "from_status", "to_status", "reason")
    verbose_name_plural = "moderation history"


def _moderation_action(to_status: str, description: str, done: str):
    """A bulk action that sends the selected comments through services.moderate_comments."""

    def action(modeladmin, request, queryset):
        changed = moderate_comments(comments=list(queryset), to_status=to_status, by=request.user)
        modeladmin.message_user(request, f"{changed} comment{'s' if changed != 1 else ''} {done}.")

    action.__name__ = f"mark_{to_status}"
    return admin.action(description=description, permissions=["change"])(action)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply", widget=forms.Textarea(attrs={"rows": 6}), max_length=BODY_MAX_LENGTH
    )


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    # Few, narrow columns, so the excerpt reads as lines of text at 1,280 px beside the
    # filters: the review goes under the excerpt, the counts under the held reason, and the
    # times together (static/css/admin/moderation.css sets the widths).
    list_display = ("excerpt", "author", "held", "times", "reply_link")
    list_display_links = ("excerpt",)
    list_filter = (StatusFilter, "is_spoiler", "created_at")
    list_select_related = ("review", "moderated_by")
    search_fields = ("name", "email", "body", "ip")
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = [
        _moderation_action(Status.APPROVED, "Approve selected comments", "approved"),
        _moderation_action(Status.SPAM, "Mark selected comments as spam", "marked as spam"),
        _moderation_action(Status.REMOVED, "Remove selected comments", "removed"),
        _moderation_action(
            Status.PENDING, "Restore selected comments to the queue", "restored to the queue"
        ),
    ]
    fields = (
        "review",
        "parent",
        "status",
        "held_reason",
        "name",
        "email",
        "website",
        "body",
        "is_spoiler",
        "link_count",
        "ip",
        "user_agent",
        "user",
        "created_at",
        "moderated_by",
        "moderated_at",
    )
    readonly_fields = (
        "review",
        "parent",
        "status",
        "held_reason",
        "email",
        "link_count",
        "ip",
        "user_agent",
        "user",
        "created_at",
        "moderated_by",
        "moderated_at",
    )
    inlines = [ReportInline, DecisionInline]
    # As on the comment form: a website typed without a scheme is taken as https://.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        """A moderator may tidy a comment's text; its link count follows the new text."""
        edit_comment(comment=obj, by=request.user)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(reports_total=Count("reports"))

    def has_add_permission(self, request):
        # Comments come from readers, or from a moderator's reply to one.
        return False

    def has_delete_permission(self, request, obj=None):
        # "Remove" keeps the record and its history; nothing is deleted from the queue.
        return False

    class Media:
        css = {"all": ["css/admin/moderation.css"]}

    @admin.display(description="comment")
    def excerpt(self, comment):
        return format_html(
            '<span class="queue-excerpt">{}</span><span class="queue-review">on {}</span>',
            Truncator(comment.body).chars(140),
            Truncator(comment.review).chars(60),
        )

    @admin.display(description="author", ordering="name")
    def author(self, comment):
        """Name, email, IP and website in one cell, so the row fits the screen."""
        website = (
            format_html(
                '<br><a href="{}" rel="nofollow noopener">{}</a>',
                comment.website,
                Truncator(comment.website).chars(40),
            )
            if comment.website
            else ""
        )
        return format_html(
            "<strong>{}</strong><br>{}<br>{}{}",
            comment.name,
            comment.email,
            comment.ip or "",
            website,
        )

    @admin.display(description="status, why held", ordering="status")
    def held(self, comment):
        """The status, why the comment was held, and the counts a moderator weighs."""
        return format_html(
            "<strong>{}</strong>{}<br>{} link{} · {} report{}",
            comment.get_status_display(),
            format_html("<br>{}", comment.held_reason) if comment.held_reason else "",
            comment.link_count,
            pluralize(comment.link_count),
            comment.reports_total,
            pluralize(comment.reports_total),
        )

    @admin.display(description=f"times ({settings.TIME_ZONE})", ordering="created_at")
    def times(self, comment):
        """When it came in and, once decided, when and by whom, in the site's time zone."""
        received = format_html("received<br>{}", local_time(comment.created_at))
        if not comment.moderated_by_id:
            return received
        return format_html(
            "{}<br>moderated by {}<br>{}",
            received,
            comment.moderated_by,
            local_time(comment.moderated_at),
        )

    @admin.display(description="reply")
    def reply_link(self, comment):
        url = reverse("admin:comments_comment_reply", args=[comment.pk])
        return format_html('<a href="{}">Reply</a>', url)

    def get_urls(self):
        reply = self.admin_site.admin_view(self.reply_view)
        return [
            path("<int:object_id>/reply/", reply, name="comments_comment_reply"),
            *super().get_urls(),
        ]

    def reply_view(self, request, object_id):
        """Answer a comment from the queue; a pending one is approved with the reply."""
        parent = get_object_or_404(Comment.objects.select_related("review"), pk=object_id)
        if not self.has_change_permission(request, parent):
            raise PermissionDenied
        form = ReplyForm(request.POST or None)
        if parent.status in (Status.SPAM, Status.REMOVED):
            form.add_error(None, "Restore this comment before replying to it.")
        elif request.method == "POST" and form.is_valid():
            try:
                with transaction.atomic():
                    moderate_comments(
                        comments=[parent],
                        to_status=Status.APPROVED,
                        by=request.user,
                        reason="approved with a reply",
                    )
                    parent.refresh_from_db()
                    reply = reply_to_comment(
                        parent=parent, body=form.cleaned_data["body"], by=request.user
                    )
            except DuplicateComment:
                form.add_error("body", "You have already posted exactly this reply.")
            else:
                self.message_user(request, "Your reply is published.", messages.SUCCESS)
                return redirect("admin:comments_comment_change", reply.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Reply to {parent.name}",
            "opts": self.opts,
            "parent_comment": parent,
            "form": form,
        }
        return TemplateResponse(request, "comments/admin/reply.html", context)


@admin.register(DiscussionSettings)
class DiscussionSettingsAdmin(admin.ModelAdmin):
    """One row of settings: the list goes straight to it, and it cannot be added or deleted."""

    fieldsets = (
        (
            "Before a comment appears",
            {"fields": ("hold_all", "approve_known_authors", "notify_moderators")},
        ),
        (
            "Comment moderation",
            {"fields": ("max_links", "moderation_words", "spam_words", "report_threshold")},
        ),
        ("Other comment settings", {"fields": ("close_after_days", "thread_depth")}),
        ("Comment pages", {"fields": ("per_page", "order")}),
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        settings_row = DiscussionSettings.load()
        return redirect("admin:comments_discussionsettings_change", settings_row.pk)

"""Reader ratings in the admin: editors see them read-only and delete abusive ones.

Every deletion, one or in bulk, goes through ratings.services.delete_ratings, so the
review's stored count and sum follow.
"""

from django.contrib import admin

from ratings.models import Rating
from ratings.services import delete_ratings


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["review", "score", "voter", "ip", "updated_at"]
    list_filter = ["score", ("review", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["review", "user"]
    search_fields = ["review__display_headline", "review__slug", "user__username", "voter_id", "ip"]
    date_hierarchy = "updated_at"
    fields = ["review", "score", "voter", "ip", "created_at", "updated_at"]
    readonly_fields = fields

    @admin.display(description="reader")
    def voter(self, rating):
        if rating.user_id:
            return rating.user.get_username()
        return f"anonymous voter {rating.voter_id[:8]}…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        """Ratings are the readers' words: an editor may look and delete, never rewrite."""
        return False

    def delete_model(self, request, obj):
        delete_ratings(ratings=Rating.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_ratings(ratings=queryset)

"""Reader ratings in the admin: editors see them read-only and delete abusive ones.

Every deletion, one or in bulk, goes through reviews.ratings.delete_ratings, so the
review's stored count and sum follow.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from reviews.models import Rating
from reviews.ratings import delete_ratings, summary_text


@admin.display(description="reader ratings", ordering="rating_count")
def reader_ratings(review):
    """A column of the review list: the readers' average, linking to those ratings."""
    if not review.rating_count:
        return "none yet"
    url = f"{reverse('admin:reviews_rating_changelist')}?review__id__exact={review.pk}"
    return format_html('<a href="{}">{}</a>', url, summary_text(review))


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
        delete_ratings(Rating.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_ratings(queryset)

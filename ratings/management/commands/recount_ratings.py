"""`manage.py recount_ratings`: rebuild each review's stored rating count and sum from the votes."""

from django.core.management.base import BaseCommand, CommandError

from ratings.models import Rating
from ratings.services import recount_ratings
from reviews.models import Review


class Command(BaseCommand):
    help = (
        "Rebuild the reader rating count and sum stored on reviews from the ratings themselves. "
        "Safe while readers vote: each batch of reviews is locked while it is counted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "slugs", nargs="*", metavar="slug", help="Only these reviews (default: all)."
        )

    def handle(self, *args, slugs, **options):
        review_ids = None
        if slugs:
            found = dict(Review.objects.filter(slug__in=slugs).values_list("slug", "pk"))
            missing = sorted(set(slugs) - set(found))
            if missing:
                raise CommandError(f"No review with the slug: {', '.join(missing)}.")
            review_ids = sorted(found.values())
        recounted = recount_ratings(review_ids=review_ids)
        votes = Rating.objects.filter(review__in=review_ids) if review_ids else Rating.objects
        self.stdout.write(
            f"Rebuilt the rating totals of {recounted} review(s) from {votes.count()} rating(s)."
        )

"""Public review pages: a review, a tag, an author, the date archives, the preview, robots.txt."""

import datetime

from django.core import signing
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache

from catalog import selectors as catalog_selectors
from core.public_urls import absolute_url
from reviews import selectors
from reviews.markdown import first_figure_image_url
from reviews.merging import apply_values
from reviews.models import PendingChange, Review
from reviews.previews import review_for_preview_token
from reviews.scores import final_summary
from reviews.structured_data import json_ld_script, review_json_ld

REVIEWS_PER_PAGE = 12


def page_of_reviews(request, reviews):
    """The requested page of a review list; a bad or out-of-range ?page= gives the nearest page."""
    return Paginator(reviews, REVIEWS_PER_PAGE).get_page(request.GET.get("page"))


def cover_image(review: Review):
    """The review's own cover, else the show's poster, else nothing."""
    return review.cover or review.title.poster or None


def share_image_path(review: Review) -> str:
    """The Open Graph image: the cover, else the article's first image, else the show's poster."""
    if review.cover:
        return review.cover.url
    first_figure = first_figure_image_url(review.body_html)
    if first_figure:
        return first_figure
    return review.title.poster.url if review.title.poster else ""


def render_review(request, review: Review, *, is_preview: bool = False):
    """The review page; the preview renders the very same template with a banner."""
    title = review.title
    image = cover_image(review)
    share_path = share_image_path(review)
    image_url = absolute_url(share_path, request=request) if share_path else ""
    return render(
        request,
        "reviews/review_detail.html",
        {
            "review": review,
            "title": title,
            "image": image,
            "image_url": image_url,
            "seasons": title.seasons.all(),
            "audio_languages": catalog_selectors.audio_languages(title),
            "episode_count": catalog_selectors.episode_count(title),
            "summary": final_summary(review),
            "also_check": selectors.also_check(review),
            "json_ld": json_ld_script(
                review_json_ld(
                    review,
                    absolute_url(review.get_absolute_url(), request=request),
                    image_url,
                    request=request,
                )
            ),
            "is_preview": is_preview,
        },
    )


def review_detail(request, slug):
    try:
        review = selectors.review_for_page(slug)
    except Review.DoesNotExist as missing:
        raise Http404("No published review with this address.") from missing
    return render_review(request, review)


@never_cache
def preview(request, token):
    """An unpublished review through a signed link: the public template, a banner, no indexing.

    A live review has its own address, so its preview link leads there, unless it
    has unpublished changes: then the link shows those.
    """
    try:
        review = review_for_preview_token(token)
    except signing.SignatureExpired:
        return preview_refused(
            request, "This preview link has expired. Ask the editor for a new one."
        )
    except signing.BadSignature:
        return preview_refused(
            request, "This preview link is not valid. Check that it was copied whole."
        )
    pending = PendingChange.objects.filter(review=review).first() if review.is_live else None
    if review.is_live and pending is None:
        return redirect(review)
    shown = selectors.review_for_page(review.slug, Review.objects.filter(pk=review.pk))
    if pending is not None:
        apply_values(shown, pending.values)
        shown.refresh_derived_fields()
    response = render_review(request, shown, is_preview=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def preview_refused(request, reason: str):
    response = render(request, "reviews/preview_refused.html", {"reason": reason}, status=403)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def tag_detail(request, slug):
    """Live reviews with a tag; a tag that no live review carries is unknown to the public."""
    tag = get_object_or_404(selectors.public_tags(), slug=slug)
    page_obj = page_of_reviews(request, selectors.reviews_with_tag(tag))
    return render(request, "reviews/tag_detail.html", {"tag": tag, "page_obj": page_obj})


def author_detail(request, slug):
    """An author's page: their profile and live reviews; only public authors with some have one."""
    profile = get_object_or_404(selectors.public_authors(), slug=slug)
    page_obj = page_of_reviews(request, selectors.reviews_by_author(profile))
    return render(request, "reviews/author_detail.html", {"profile": profile, "page_obj": page_obj})


def archive_index(request):
    """Every month with live reviews, grouped by year; the footer links here."""
    months = selectors.archive_months()
    years = {}
    for month in months:
        years.setdefault(month["month"].year, []).append(month)
    return render(request, "reviews/archive_index.html", {"years": years})


def archive_period(year: int, month: int = 1) -> datetime.date:
    """The first day of the period; a year or month no calendar has (0, 13, 99999) is a 404.

    So is year 1: its start in a time zone east of UTC falls before the first datetime.
    """
    if not datetime.MINYEAR < year <= datetime.MAXYEAR:
        raise Http404("No such period.")
    try:
        return datetime.date(year, month, 1)
    except ValueError as invalid:
        raise Http404("No such period.") from invalid


def archive_year(request, year):
    period = archive_period(year)
    months = selectors.archive_months(year)
    if not months:
        raise Http404("No reviews were published that year.")
    page_obj = page_of_reviews(request, selectors.reviews_published_in(year))
    context = {"period": period, "period_name": str(year), "months": months, "page_obj": page_obj}
    return render(request, "reviews/archive_period.html", context)


def archive_month(request, year, month):
    period = archive_period(year, month)
    page_obj = page_of_reviews(request, selectors.reviews_published_in(year, month))
    if not page_obj.paginator.count:
        raise Http404("No reviews were published that month.")
    context = {"period": period, "period_name": date_format(period, "F Y"), "page_obj": page_obj}
    return render(request, "reviews/archive_period.html", context)


def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": absolute_url(reverse("sitemap"), request=request)},
        content_type="text/plain",
    )

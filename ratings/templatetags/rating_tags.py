"""`{% rating_box review %}`: the readers' score box with this reader's own vote."""

from django import template

from ratings.selectors import own_score
from ratings.services import SCORES
from reviews.scores import reader_summary

register = template.Library()


@register.inclusion_tag("ratings/rating_box.html", takes_context=True)
def rating_box(context, review):
    return {
        "review": review,
        "summary": reader_summary(review),
        "own_score": own_score(context["request"], review),
        "scores": SCORES,
        "csrf_token": context.get("csrf_token"),
    }

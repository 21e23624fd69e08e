"""`{% rating_box review %}`: the readers' score box with this reader's own vote."""

from django import template

from reviews import ratings

register = template.Library()


@register.inclusion_tag("reviews/includes/rating_box.html", takes_context=True)
def rating_box(context, review):
    return {
        "review": review,
        "summary": ratings.summary_text(review),
        "own_score": ratings.own_score(context["request"], review),
        "scores": ratings.SCORES,
        "csrf_token": context.get("csrf_token"),
    }

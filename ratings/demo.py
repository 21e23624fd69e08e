"""Demo reader ratings: a spread of scores on the live demo reviews, safely repeatable.

Each demo voter has a fixed voter id, so a second run re-rates with the same
scores instead of adding votes. The Metallic Rouge review is left unrated, as
on the page it was modelled on, so the site shows "Be the first one!" too.
"""

from core.readers import Voter
from ratings.services import rate_review
from reviews.models import Review

# review slug -> {score: how many readers gave it}
SCORE_SPREADS = {
    "cowboy-bebop-review": {10: 9, 9: 7, 8: 4, 7: 2, 5: 1},
    "mob-psycho-100-review": {9: 5, 8: 6, 7: 3, 6: 1},
    "mob-psycho-100-ii-review": {10: 4, 9: 5, 8: 2},
    "your-name-review": {10: 6, 9: 4, 8: 3, 6: 2, 4: 1},
    "frieren-beyond-journeys-end-review": {10: 3, 9: 4, 8: 1},
    "vinland-saga-review": {9: 2, 8: 3, 7: 2, 3: 1},
}


def demo_voter(number: int) -> Voter:
    """The same anonymous voter on every run; ids are shared, as one reader rates many reviews."""
    return Voter(voter_id=f"{number:032x}")


def load(log) -> None:
    """The `load_demo` hook (after the demo reviews): rate them; `log` takes one line."""
    log(f"Demo ratings: {load_demo_ratings()} reader votes; one live review has none.")


def load_demo_ratings() -> int:
    """Rate the demo reviews through the one write path; returns how many votes they hold."""
    for slug, spread in SCORE_SPREADS.items():
        review = Review.objects.get(slug=slug)
        scores = [score for score, readers in spread.items() for _ in range(readers)]
        for number, score in enumerate(scores, start=1):
            rate_review(review=review, voter=demo_voter(number), score=score)
    return sum(sum(spread.values()) for spread in SCORE_SPREADS.values())

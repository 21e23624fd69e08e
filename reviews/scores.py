"""The final summary's scores: the external ones, the editor's, and their Average Score."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


def to_one_decimal(value: Decimal) -> Decimal:
    """Round half-up to one decimal: readers expect 6.25 to show as 6.3, not banker's 6.2."""
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def average_score(*scores: Decimal | None) -> Decimal | None:
    """The mean of the scores present, rounded half-up to one decimal; None when none is present."""
    present = [Decimal(score) for score in scores if score is not None]
    if not present:
        return None
    return to_one_decimal(sum(present) / len(present))


@dataclass(frozen=True)
class FinalSummary:
    """What the final summary box shows for one review."""

    imdb_score: Decimal | None
    mal_score: Decimal | None
    editor_score: Decimal | None

    @property
    def average(self) -> Decimal | None:
        return average_score(self.imdb_score, self.mal_score, self.editor_score)

    @property
    def has_scores(self) -> bool:
        return self.average is not None


def final_summary(review) -> FinalSummary:
    return FinalSummary(
        imdb_score=review.title.imdb_score,
        mal_score=review.title.mal_score,
        editor_score=review.editor_score,
    )


def reader_summary(review) -> str:
    """What the rating box and the admin say of readers' scores: "6.8 / 10 from 143 readers"."""
    if not review.rating_count:
        return "Be the first one!"
    readers = "reader" if review.rating_count == 1 else "readers"
    return f"{review.reader_average} / 10 from {review.rating_count} {readers}"

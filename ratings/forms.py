"""The reader's score, as the rating box posts it."""

from django import forms

from ratings.services import SCORES

SCORE_MESSAGE = "Choose a score: a whole number from 1 to 10."


class RatingForm(forms.Form):
    """Only the exact strings "1" to "10": "7.5", "7.0", " 7" and "seven" are all refused."""

    score = forms.TypedChoiceField(
        choices=[(str(score), str(score)) for score in SCORES],
        coerce=int,
        error_messages={"required": SCORE_MESSAGE, "invalid_choice": SCORE_MESSAGE},
    )

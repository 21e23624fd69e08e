"""Catalog forms for the editorial back office."""

from django import forms

from catalog.models import Season

MAX_GENERATED_EPISODES = 2000


class SeasonAdminForm(forms.ModelForm):
    """The season form, plus two optional fields that create episodes 1..N in one step."""

    episodes_up_to = forms.IntegerField(
        label="Create episodes 1 to",
        required=False,
        min_value=1,
        max_value=MAX_GENERATED_EPISODES,
        help_text="Episodes that already exist are kept as they are.",
    )
    episode_duration = forms.IntegerField(
        label="Duration of each (minutes)",
        required=False,
        min_value=1,
        max_value=32767,
        help_text="Prefilled with the show’s duration per episode when it has one.",
    )

    class Meta:
        model = Season
        fields = ["title", "number", "display_name", "poster", "synopsis", "aired_from", "aired_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.title_id:
            self.fields["episode_duration"].initial = self.instance.title.episode_duration

    def clean(self):
        cleaned_data = super().clean()
        up_to = cleaned_data.get("episodes_up_to")
        duration = cleaned_data.get("episode_duration")
        if up_to and not duration and "episode_duration" not in self.errors:
            self.add_error("episode_duration", "Give the duration of the new episodes.")
        return cleaned_data

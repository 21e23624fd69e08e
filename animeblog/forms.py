"""The search form: the reader's words and the filters that narrow them."""

from django import forms

from animeblog.search import MAX_QUERY_LENGTH, SearchFilters, clean_query
from catalog.models import Genre, QualityVariant, Title
from catalog.selectors import audio_languages_in_use
from core.widgets import PlainSelect


class SearchQueryField(forms.CharField):
    """Free text cleaned before validation, so a stray control character is dropped, not refused."""

    def to_python(self, value) -> str:
        return clean_query(super().to_python(value))


class SearchForm(forms.Form):
    """GET parameters of /search/; a query too long is cut rather than refused."""

    q = SearchQueryField(
        label="Search for",
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    genre = forms.ModelChoiceField(
        queryset=Genre.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any",
        widget=PlainSelect,
    )
    language = forms.ModelChoiceField(
        label="Audio language",
        queryset=audio_languages_in_use(),
        to_field_name="code",
        required=False,
        empty_label="Any",
        widget=PlainSelect,
    )
    quality = forms.TypedChoiceField(
        choices=[("", "Any"), *QualityVariant.Resolution.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=PlainSelect,
    )
    type = forms.ChoiceField(
        choices=[("", "Any"), *Title.Kind.choices], required=False, widget=PlainSelect
    )
    year = forms.IntegerField(min_value=1900, max_value=2100, required=False)

    @property
    def filters_used(self) -> bool:
        """Whether any filter narrows the search; call after is_valid()."""
        return any(self.cleaned_data.get(name) for name in self.fields if name != "q")

    def filters(self) -> SearchFilters:
        """The valid filters; call after is_valid()."""
        data = self.cleaned_data
        return SearchFilters(
            genre=data.get("genre"),
            audio_language=data.get("language"),
            resolution=data.get("quality"),
            kind=data.get("type", ""),
            year=data.get("year"),
        )

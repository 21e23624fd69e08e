"""The search form's selects, written in Python, are the markup Django's templates write."""

import pytest
from django import forms
from django.test.html import parse_html

from animeblog.forms import SearchForm
from tests.factories import GenreFactory, LanguageFactory, QualityVariantFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [{}, {"genre": "mecha", "language": "ta", "quality": "1080", "type": "tv"}],
    ids=["nothing chosen", "everything chosen"],
)
def test_each_select_is_what_djangos_select_widget_renders(data):
    GenreFactory(name="Mecha")
    GenreFactory(name="Rock & <Roll>")
    QualityVariantFactory(audio_languages=[LanguageFactory(code="ta", name="Tamil")])
    form = SearchForm({"q": "robot", **data})
    assert form.is_valid()

    for name in ("genre", "language", "quality", "type"):
        field = form[name]
        django_markup = forms.Select(choices=field.field.choices).render(
            field.html_name, field.value(), {"id": field.auto_id}
        )
        assert parse_html(field.as_widget()) == parse_html(django_markup), name
    assert ">Rock &amp; &lt;Roll&gt;</option>" in form["genre"].as_widget()

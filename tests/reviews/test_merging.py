"""Two editors save one review: the fields each changed merge, those both changed are chosen."""

import pytest

from reviews.merging import MERGED_FIELDS, combined_text, merge
from tests.factories import TitleFactory
from tests.reviews.admin_forms import change_url, form_data
from tests.reviews.factories import ReviewFactory, staff_user

pytestmark = pytest.mark.django_db

CONFLICT = "saved this review at"


@pytest.fixture
def eda():
    return staff_user("Editors", username="eda", first_name="Eda")


@pytest.fixture
def otto():
    return staff_user("Editors", username="otto", first_name="Otto", last_name="Other")


def without(data: dict, *names) -> dict:
    """The posted data with fields left out, as a browser leaves out an unticked checkbox."""
    return {key: value for key, value in data.items() if key not in names}


@pytest.fixture
def both_edit(client, eda, otto):
    """Eda opens the review; Otto saves ``theirs``; Eda then saves ``mine`` from her copy."""

    def edit(review, *, theirs: dict, mine: dict, unticked=()):
        client.force_login(eda)
        edas_page = client.get(change_url(review))
        client.force_login(otto)
        ottos_page = client.get(change_url(review))
        assert client.post(change_url(review), form_data(ottos_page, **theirs)).status_code == 302
        client.force_login(eda)
        return client.post(change_url(review), without(form_data(edas_page, **mine), *unticked))

    return edit


def resolve(client, review, refused, **choices):
    """Post the conflict page back with a choice (and combined text) per field."""
    data = form_data(refused)
    for conflict in refused.context["adminform"].form.merge_conflicts:
        data[f"merge-{conflict['name']}-seen"] = conflict["seen"]
    for name, choice in choices.items():
        data[f"merge-{name}"] = choice
    return client.post(change_url(review), data)


# The rules, field by field, on plain values.


BASE = {"excerpt": "e", "body": "b", "tags": ["a"], "title": 1}


def plain(**changes):
    values = dict.fromkeys(MERGED_FIELDS, "")
    return {**values, **BASE, **changes}


def test_a_field_changed_on_one_side_only_takes_that_side():
    result = merge(base=plain(), theirs=plain(excerpt="theirs"), mine=plain(body="mine"))

    assert result.conflicts == []
    assert "excerpt" in result.theirs and "body" not in result.theirs


def test_a_field_changed_to_the_same_value_on_both_sides_is_no_conflict():
    result = merge(base=plain(), theirs=plain(tags=["a", "b"]), mine=plain(tags=["a", "b"]))

    assert result.conflicts == []


def test_fields_changed_differently_on_both_sides_are_conflicts():
    result = merge(
        base=plain(),
        theirs=plain(body="theirs", tags=["x"], title=2),
        mine=plain(body="mine", tags=["y"], title=3),
    )

    assert result.conflicts == ["title", "body", "tags"]


def test_combined_text_merges_edits_of_different_lines_and_keeps_both_of_the_same_line():
    base = "Intro.\nMiddle.\nEnd.\n"

    assert (
        combined_text(base=base, theirs="Intro!\nMiddle.\nEnd.\n", mine="Intro.\nMiddle.\nEnd!\n")
        == "Intro!\nMiddle.\nEnd!\n"
    )
    assert (
        combined_text(base=base, theirs="Intro.\nTheirs.\nEnd.\n", mine="Intro.\nMine.\nEnd.\n")
        == "Intro.\nTheirs.\nMine.\nEnd.\n"
    )


# Through the admin.


@pytest.mark.parametrize(
    ("theirs", "mine", "unticked"),
    [
        ({"excerpt": "Otto's excerpt."}, {"body": "Eda's body."}, ()),
        ({"editor_score": "8.5"}, {"tags": "noir, mecha"}, ()),
        ({"tags": "cyberpunk"}, {"verdict": "Eda's verdict."}, ("comments_open",)),
        ({"headline": "Otto's headline"}, {"meta_description": "Eda's summary."}, ()),
    ],
    ids=["text and body", "score and tags", "tags and checkbox", "headline and meta"],
)
def test_changes_to_different_fields_both_survive(client, both_edit, theirs, mine, unticked):
    review = ReviewFactory(draft=True, tags=["noir"])

    response = both_edit(review, theirs=theirs, mine=mine, unticked=unticked)

    assert response.status_code == 302
    review.refresh_from_db()
    saved = {
        "excerpt": review.excerpt,
        "body": review.body,
        "editor_score": str(review.editor_score),
        "tags": ", ".join(sorted(review.tags.names(), reverse=True)),
        "verdict": review.verdict,
        "headline": review.headline,
        "meta_description": review.meta_description,
    }
    for name, value in {**theirs, **mine}.items():
        assert saved[name] == value, name
    assert review.comments_open is not bool(unticked)


def test_a_show_changed_by_one_editor_survives_the_others_save(client, both_edit):
    review = ReviewFactory(draft=True)
    other_show = TitleFactory(name="Cowboy Bebop")

    response = both_edit(review, theirs={"title": other_show.pk}, mine={"excerpt": "Mine."})

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.title, review.excerpt) == (other_show, "Mine.")


def test_both_changing_the_body_shows_both_versions_and_saves_nothing(client, both_edit):
    review = ReviewFactory(draft=True, body="Original.", excerpt="Old excerpt.")

    response = both_edit(
        review,
        theirs={"body": "Otto's <b>body</b>."},
        mine={"body": "Eda's body.", "excerpt": "Eda's excerpt."},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Otto Other " + CONFLICT in page
    assert "Otto&#x27;s &lt;b&gt;body&lt;/b&gt;." in page
    assert "<ins>+Eda&#x27;s body.</ins>" in page
    assert 'name="merge-body" value="combined"' in page
    review.refresh_from_db()
    assert (review.body, review.excerpt) == ("Otto's <b>body</b>.", "Old excerpt.")


@pytest.mark.parametrize(
    ("choice", "expected_body"),
    [("mine", "Eda's body."), ("theirs", "Otto's body."), ("combined", "Both bodies.")],
)
def test_the_editor_chooses_the_body_to_keep(client, both_edit, choice, expected_body):
    review = ReviewFactory(draft=True, body="Original.")
    refused = both_edit(
        review,
        theirs={"body": "Otto's body.", "verdict": "Otto's verdict."},
        mine={"body": "Eda's body."},
    )

    response = resolve(
        client,
        review,
        refused,
        **{"body": choice, "body-text": "Both bodies."},
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.body, review.verdict) == (expected_body, "Otto's verdict.")


def test_the_combined_text_is_offered_with_both_edits_in_it(client, both_edit):
    review = ReviewFactory(draft=True, body="Intro.\n\nEnd.")

    refused = both_edit(review, theirs={"body": "Intro, Otto."}, mine={"body": "Intro, Eda."})

    [conflict] = refused.context["adminform"].form.merge_conflicts
    assert conflict["combined"] == "Intro, Otto.\nIntro, Eda."


def test_tags_changed_on_both_sides_are_a_choice_without_a_combined_text(client, both_edit):
    review = ReviewFactory(draft=True, tags=["noir"])
    refused = both_edit(review, theirs={"tags": "mecha"}, mine={"tags": "space"})

    page = refused.content.decode()
    assert 'name="merge-tags" value="theirs"' in page
    assert 'name="merge-tags" value="combined"' not in page
    assert resolve(client, review, refused, tags="combined").status_code == 200

    assert resolve(client, review, refused, tags="theirs").status_code == 302
    assert list(review.tags.names()) == ["mecha"]


def test_the_conflict_page_keeps_the_editors_input_and_carries_the_choices(client, both_edit):
    review = ReviewFactory(draft=True, body="Original.", editor_score=5)
    refused = both_edit(
        review,
        theirs={"editor_score": "6.0"},
        mine={"editor_score": "7.5", "verdict": "Eda's verdict."},
    )

    form = refused.context["adminform"].form
    assert [conflict["name"] for conflict in form.merge_conflicts] == ["editor_score"]
    [conflict] = form.merge_conflicts
    assert (conflict["theirs"], conflict["mine"]) == ("6.0", "7.5")
    assert dict(conflict["choices"]) == {"mine": "Keep mine", "theirs": "Keep theirs"}
    assert form["verdict"].value() == "Eda's verdict."

    assert resolve(client, review, refused, editor_score="mine").status_code == 302
    review.refresh_from_db()
    assert (str(review.editor_score), review.verdict) == ("7.5", "Eda's verdict.")


def test_a_choice_made_on_a_version_saved_over_since_is_asked_again(client, both_edit, eda, otto):
    review = ReviewFactory(draft=True, body="Original.")
    refused = both_edit(review, theirs={"body": "Otto's body."}, mine={"body": "Eda's body."})
    client.force_login(otto)
    page = client.get(change_url(review))
    client.post(change_url(review), form_data(page, body="Otto's second body."))
    client.force_login(eda)

    response = resolve(client, review, refused, body="mine")

    assert response.status_code == 200
    assert CONFLICT in response.content.decode()
    review.refresh_from_db()
    assert review.body == "Otto's second body."


def test_a_damaged_loaded_version_is_a_form_error_and_saves_nothing(client, eda):
    review = ReviewFactory(draft=True, body="Original.")
    client.force_login(eda)
    page = client.get(change_url(review))

    response = client.post(
        change_url(review), form_data(page, body="Edited.", loaded_version="forged")
    )

    assert response.status_code == 200
    assert "cannot be compared with the saved review" in response.content.decode()
    review.refresh_from_db()
    assert review.body == "Original."

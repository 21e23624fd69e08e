"""A reader searching the demo site with a misspelt name, at phone and desktop widths."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

WIDTHS = [360, 1280]


@pytest.mark.parametrize("width", WIDTHS)
def test_a_misspelt_name_finds_the_show_and_offers_the_right_spelling(
    page, demo_site, save_screenshot, axe_violations, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_site + "/search/")
    form = page.get_by_role("search", name="Search with filters")
    form.get_by_role("searchbox", name="Search for").fill("cowbyo")
    form.get_by_role("button", name="Search", exact=True).click()

    expect(page.get_by_role("heading", name="Results for “cowbyo”")).to_be_visible()
    shows = page.get_by_role("region", name="Shows")
    expect(shows.get_by_role("link", name="Cowboy Bebop", exact=True)).to_be_visible()
    expect(page.get_by_text("Did you mean:")).to_be_visible()
    assert axe_violations(page) == []
    save_screenshot("search-did-you-mean")

    page.get_by_text("Did you mean:").get_by_role("link").click()

    expect(page.get_by_role("heading", name="Results for “Cowboy Bebop”")).to_be_visible()
    expect(page.get_by_text("Did you mean:")).to_have_count(0)
    expect(form.get_by_role("searchbox", name="Search for")).to_have_value("Cowboy Bebop")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_button_sits_beside_the_box_and_other_names_inside_the_card(
    page, demo_site, save_screenshot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(demo_site + "/search/?q=Sousou+no+Frieren")
    form = page.get_by_role("search", name="Search with filters")

    box = form.get_by_role("searchbox", name="Search for").bounding_box()
    button = form.get_by_role("button", name="Search", exact=True).bounding_box()
    assert button["y"] < box["y"] + box["height"] and box["y"] < button["y"] + button["height"]
    assert button["x"] >= box["x"] + box["width"]

    card = page.locator(".card", has_text="Frieren").first
    names = card.get_by_text("Sōsō no Furīren · 葬送のフリーレン")
    expect(names).to_be_visible()
    card_box, names_box = card.bounding_box(), names.bounding_box()
    assert card_box["y"] <= names_box["y"]
    assert names_box["y"] + names_box["height"] <= card_box["y"] + card_box["height"]
    save_screenshot("search-frieren")

"""Reader ratings in a real browser: rated by keyboard, updated in place, and without JavaScript."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import VIEWPORTS

pytestmark = pytest.mark.browser

# A demo review with 23 demo votes summing to 204 (average 8.9).
REVIEW_PATH = "/reviews/cowboy-bebop-review/"


def rating_box(page):
    return page.get_by_role("region", name="User Rating")


def choose_by_keyboard(page, score: int) -> None:
    """Tab into the radio group, then move with the arrow keys as a keyboard reader does."""
    radio = rating_box(page).get_by_role("radio", name=str(score), exact=True)
    radio.focus()
    page.keyboard.press("Space")
    expect(radio).to_be_checked()


def test_a_reader_rates_sees_the_average_change_in_place_and_rating_again_keeps_the_count(
    page, demo_site, save_screenshot, request
):
    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto(demo_site + REVIEW_PATH)
    box = rating_box(page)
    summary = box.locator("[data-rating-summary]")
    expect(summary).to_have_text("8.9 / 10 from 23 readers")
    page.evaluate("window.stillTheSamePage = true")  # gone if the page reloaded

    choose_by_keyboard(page, 3)
    box.get_by_role("button", name="Rate").click()

    expect(summary).to_have_text("8.6 / 10 from 24 readers")  # 207 / 24
    expect(box.get_by_text("Your score: 3 / 10")).to_be_visible()

    page.keyboard.press("Shift+Tab")  # from the button back to the checked radio
    page.keyboard.press("ArrowRight")  # and on to 4, as a radio group moves
    box.get_by_role("button", name="Change my score").click()

    expect(summary).to_have_text("8.7 / 10 from 24 readers")  # 208 / 24
    expect(box.get_by_text("Your score: 4 / 10")).to_be_visible()
    assert page.evaluate("window.stillTheSamePage") is True
    folder = request.config.rootpath / "test-results" / "screenshots"
    box.scroll_into_view_if_needed()
    box.screenshot(path=folder / "rating-box-375.png")
    save_screenshot("rating-review-page")


def test_without_javascript_the_form_posts_and_the_review_comes_back_with_the_new_average(
    browser, demo_site
):
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(demo_site + REVIEW_PATH)

    rating_box(page).locator("label[for=reader-score-7]").click()
    rating_box(page).get_by_role("button", name="Rate").click()
    # The page came from the shared cache, which holds no CSRF token: the site asks once more.
    page.get_by_role("button", name="Send again").click()

    expect(page).to_have_url(f"{demo_site}{REVIEW_PATH}#reader-rating")
    expect(rating_box(page).locator("[data-rating-summary]")).to_have_text(
        "8.8 / 10 from 24 readers"  # 211 / 24
    )
    expect(rating_box(page).get_by_text("Your score: 7 / 10")).to_be_visible()
    context.close()


def test_a_refused_rating_shows_its_message_in_the_box(page, demo_site, settings):
    settings.RATINGS_PER_IP_LIMIT = 0
    page.goto(demo_site + REVIEW_PATH)

    choose_by_keyboard(page, 5)
    rating_box(page).get_by_role("button", name="Rate").click()

    expect(rating_box(page).get_by_role("alert")).to_contain_text(
        "Too many ratings from your network"
    )
    expect(rating_box(page).locator("[data-rating-summary]")).to_have_text(
        "8.9 / 10 from 23 readers"
    )

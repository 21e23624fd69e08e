"""The review admin's Markdown editor in Chromium: live preview, library images, pasted uploads,
autosave and restore, by keyboard and under the CSP; and the plain textarea without JavaScript."""

import base64
import io
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from playwright.sync_api import expect

from images.models import Image
from reviews.models import Autosave, Review
from reviews.widgets import EASYMDE
from tests.browser.helpers import VIEWPORTS, type_into_body, violations
from tests.catalog.images import SVG, bilevel_png, image_bytes
from tests.conftest import skip_or_fail_in_ci
from tests.images.factories import ImageFactory

pytestmark = pytest.mark.browser

PASSWORD = "editor browser test password"

# A file handed to the editor as the browser would: pasted from the clipboard or dropped
# on the text. Without bytes (base64) it is a real PNG drawn in the page; padding appends
# that many zero bytes, so a 15 MB file need not cross from Python.
HAND_OVER_FILE = """async ({how, name, type, base64, padding}) => {
    let parts;
    if (base64 === null) {
        const canvas = document.createElement("canvas");
        canvas.width = 640;
        canvas.height = 360;
        const context = canvas.getContext("2d");
        context.fillStyle = "#a3172f";
        context.fillRect(0, 0, 640, 360);
        parts = [await new Promise(done => canvas.toBlob(done, "image/png"))];
    } else {
        parts = [Uint8Array.from(atob(base64), character => character.charCodeAt(0))];
    }
    if (padding) {
        parts.push(new Uint8Array(padding));
    }
    const transfer = new DataTransfer();
    transfer.items.add(new File(parts, name, {type}));
    const init = {bubbles: true, cancelable: true};
    if (how === "paste") {
        const input = document.querySelector(".CodeMirror textarea");
        input.dispatchEvent(new ClipboardEvent("paste", {...init, clipboardData: transfer}));
    } else {
        const text = document.querySelector(".CodeMirror-scroll").getBoundingClientRect();
        const at = {clientX: text.left + 20, clientY: text.top + 20};
        const target = document.querySelector(".CodeMirror-scroll");
        target.dispatchEvent(new DragEvent("drop", {...init, ...at, dataTransfer: transfer}));
    }
}"""

# The library's refusals (images/), each handed over by paste or by drop.
BAD_FILES = [
    ("paste", "notes.png", "image/png", b"just some text, not a picture\n" * 40, 0),
    ("drop", "shot.svg", "image/svg+xml", SVG, 0),
    (
        "paste",
        "shot.png",
        "image/png",
        b"<html><script>alert(1)</script></html>" + image_bytes(),
        0,
    ),
    ("drop", "bomb.png", "image/png", bilevel_png(20000, 20000), 0),
    ("paste", "huge.png", "image/png", image_bytes(64, 64), 15 * 1024 * 1024),
    ("drop", "cut.jpg", "image/jpeg", image_bytes(400, 300, "JPEG")[:1500], 0),
]


def hand_over(page, how, name="screenshot.png", type="image/png", data=None, padding=0):
    encoded = base64.b64encode(data).decode() if data is not None else None
    page.evaluate(
        HAND_OVER_FILE,
        {"how": how, "name": name, "type": type, "base64": encoded, "padding": padding},
    )


@pytest.fixture(autouse=True)
def _editor_built():
    if not finders.find(EASYMDE):
        skip_or_fail_in_ci(
            "the editor is not built: run `make static/vendor/easymde/easymde.min.js`"
        )


def sign_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


@pytest.fixture
def demo_users(demo_site, role_groups, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("ensure_demo_users", stdout=io.StringIO())
    return demo_site


@pytest.fixture
def editor_page(watched_page, demo_users):
    """The demo editor signed in, on a page that records CSP violations."""
    sign_in(watched_page, demo_users, "editor")
    return watched_page


def open_review(page, base_url, review):
    page.goto(f"{base_url}/admin/reviews/review/{review.pk}/change/")
    expect(page.locator(".EasyMDEContainer")).to_be_visible()


def editor_text(page) -> str:
    return page.evaluate("document.querySelector('#id_body').editor.mde.value()")


def test_the_preview_follows_the_text_with_heading_spoiler_and_a_library_image(
    editor_page, demo_users, save_screenshot
):
    image = ImageFactory(alt_text="Noe on the rooftop at dusk", caption="The opening shot")
    review = Review.objects.live().first()
    open_review(editor_page, demo_users, review)
    preview = editor_page.locator(".editor-preview-side")
    expect(preview).to_be_visible()

    type_into_body(editor_page, "## A heading typed just now\n\nFirst words.\n\n")
    expect(preview.get_by_role("heading", name="A heading typed just now")).to_be_visible()

    editor_page.get_by_role("button", name="Spoiler block").click()
    expect(preview.locator("details.spoiler summary")).to_contain_text("What it spoils")

    editor_page.keyboard.press("Control+End")
    editor_page.get_by_role("button", name="Insert an image from the library").click()
    dialog = editor_page.get_by_role("dialog", name="Insert an image from the library")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Search alt text and captions").fill("rooftop")
    expect(dialog.get_by_role("status")).to_have_text("1 image")
    save_screenshot("admin-review-editor-library")
    dialog.get_by_role("button", name=re.compile("^Insert Noe on the rooftop at dusk")).click()
    expect(dialog).to_be_hidden()

    figure = preview.locator("figure")
    expect(figure.locator("img")).to_have_attribute("alt", "Noe on the rooftop at dusk")
    expect(figure.locator("figcaption")).to_have_text("The opening shot")
    assert f"(image:{image.pk}" in editor_text(editor_page)
    expect(editor_page.locator(".editor-statusbar")).to_contain_text(
        re.compile(r"\d+ words · 1 min read")
    )
    save_screenshot("admin-review-editor")
    assert violations(editor_page) == []


def violations_in_the_editor(page, axe_violations) -> list:
    """axe's WCAG 2.1 AA findings but the admin's own breadcrumbs (colour-only links)."""
    return [
        (violation["id"], node["target"])
        for violation in axe_violations(page)
        for node in violation["nodes"]
        if not node["target"][0].startswith(".breadcrumbs")
    ]


def test_the_toolbar_and_dialogs_work_by_keyboard_alone(editor_page, demo_users, axe_violations):
    ImageFactory(alt_text="Jean on the bridge")
    open_review(editor_page, demo_users, Review.objects.live().first())
    expect(editor_page.locator(".editor-preview-side")).not_to_be_empty()
    assert violations_in_the_editor(editor_page, axe_violations) == []
    editor_page.locator("#id_headline").focus()
    bold = editor_page.get_by_role("button", name=re.compile("^Bold"))

    for _ in range(30):
        editor_page.keyboard.press("Tab")
        if bold.evaluate("button => button === document.activeElement"):
            break
    expect(bold).to_be_focused()
    library = editor_page.get_by_role("button", name="Insert an image from the library")
    library.focus()
    editor_page.keyboard.press("Enter")
    dialog = editor_page.get_by_role("dialog", name="Insert an image from the library")
    expect(dialog.get_by_label("Search alt text and captions")).to_be_focused()
    expect(
        dialog.get_by_role("button", name=re.compile("^Insert Jean on the bridge"))
    ).to_be_visible()
    assert violations_in_the_editor(editor_page, axe_violations) == []
    editor_page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    # Tab leaves the text for the next field rather than indenting.
    editor_page.locator(".CodeMirror").click()
    editor_page.keyboard.press("Tab")
    assert editor_page.evaluate("document.activeElement.closest('.CodeMirror')") is None


def test_a_pasted_image_asks_for_alt_text_and_lands_in_the_library_and_the_body(
    editor_page, demo_users, save_screenshot
):
    open_review(editor_page, demo_users, Review.objects.live().first())
    type_into_body(editor_page, "Before the picture.\n\n")

    hand_over(editor_page, "paste")
    dialog = editor_page.get_by_role("dialog", name="Upload an image")
    expect(dialog.get_by_label("Alt text (required)")).to_be_focused()
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog.get_by_role("alert")).to_contain_text("alt text")
    dialog.get_by_label("Alt text (required)").fill("A red test card")
    dialog.get_by_label("Caption (optional)").fill("Pasted from the clipboard")
    save_screenshot("admin-review-editor-upload")
    dialog.get_by_role("button", name="Upload and insert").click()
    expect(dialog).to_be_hidden()

    image = Image.objects.get(alt_text="A red test card")
    assert (image.uploaded_by.username, image.width, image.height) == ("editor", 640, 360)
    assert f"(image:{image.pk}" in editor_text(editor_page)
    expect(editor_page.locator(".editor-preview-side figure img")).to_have_attribute(
        "alt", "A red test card"
    )
    assert violations(editor_page) == []


def test_pasted_or_dropped_files_the_library_refuses_show_its_error_and_store_nothing(
    editor_page, demo_users
):
    open_review(editor_page, demo_users, Review.objects.live().first())
    type_into_body(editor_page, "Untouched text.")
    images_before = Image.objects.count()
    dialog = editor_page.get_by_role("dialog", name="Upload an image")
    alert = dialog.get_by_role("alert")

    for how, name, type, data, padding in BAD_FILES:
        hand_over(editor_page, how, name, type, data, padding)
        dialog.get_by_label("Alt text (required)").fill("Not really an image")
        dialog.get_by_role("button", name="Upload and insert").click()
        expect(alert).not_to_contain_text("Uploading", timeout=15000)
        expect(alert).to_contain_text(
            re.compile("content is none of those|too many pixels|at most 10|damaged")
        )
        dialog.get_by_role("button", name="Close").click()
        expect(dialog).to_be_hidden()

    assert Image.objects.count() == images_before
    assert editor_text(editor_page) == "Untouched text."


def test_after_a_reload_the_autosaved_text_is_offered_and_restored(editor_page, demo_users):
    review = Review.objects.filter(status=Review.Status.DRAFT).first()  # saved directly
    open_review(editor_page, demo_users, review)
    editor_page.locator("#id_excerpt").fill("An excerpt typed but never saved.")
    type_into_body(editor_page, "## Typed, never saved\n\nThe tab closed.")
    expect(editor_page.locator(".autosave-status")).to_contain_text("Autosaved at", timeout=8000)
    assert Autosave.objects.get().fields["body"] == "## Typed, never saved\n\nThe tab closed."

    editor_page.reload()
    offer = editor_page.get_by_role("alert").filter(has_text="You have unsaved changes from")
    expect(offer).to_contain_text(f"({settings.TIME_ZONE})")
    assert editor_text(editor_page) == review.body
    offer.get_by_role("button", name="Restore").click()

    assert editor_text(editor_page) == "## Typed, never saved\n\nThe tab closed."
    expect(editor_page.locator("#id_excerpt")).to_have_value("An excerpt typed but never saved.")
    expect(
        editor_page.locator(".editor-preview-side").get_by_role(
            "heading", name="Typed, never saved"
        )
    ).to_be_visible()
    editor_page.get_by_role("button", name="Save and continue editing").click()
    expect(editor_page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert not Autosave.objects.exists()
    review.refresh_from_db()
    assert review.excerpt == "An excerpt typed but never saved."


def test_the_editor_is_usable_on_a_phone(editor_page, demo_users, save_screenshot):
    editor_page.set_viewport_size(VIEWPORTS["phone"])
    open_review(editor_page, demo_users, Review.objects.live().first())
    type_into_body(editor_page, "## On the train\n\nShort lines.")
    editor_page.get_by_role("button", name=re.compile("^Toggle Preview")).click()
    expect(
        editor_page.locator(".editor-preview").get_by_role("heading", name="On the train")
    ).to_be_visible()
    toolbar = editor_page.get_by_role("toolbar", name="Formatting")
    box = toolbar.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS["phone"]["width"]
    save_screenshot("admin-review-editor")


@pytest.fixture
def page_without_javascript(browser, demo_users):
    context = browser.new_context(java_script_enabled=False, base_url=demo_users)
    yield context.new_page()
    context.close()


def test_without_javascript_the_body_is_a_plain_textarea_that_saves(
    page_without_javascript, demo_users
):
    page = page_without_javascript
    sign_in(page, demo_users, "editor")
    review = Review.objects.filter(status=Review.Status.DRAFT).first()  # saved directly
    page.goto(f"/admin/reviews/review/{review.pk}/change/")

    page.locator("#id_body").fill("## Written without scripts\n\nStill saves.")
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    review.refresh_from_db()
    assert review.body.replace("\r\n", "\n") == "## Written without scripts\n\nStill saves."

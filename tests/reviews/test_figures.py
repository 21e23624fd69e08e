"""Library images in review bodies: figure markup, spoilers, missing and foreign images."""

import re

import pytest

from reviews.markdown import render_body, render_markdown
from tests.images.factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_a_library_image_on_its_own_line_becomes_a_captioned_figure():
    image = ImageFactory(alt_text="Library alt")

    html, _toc = render_markdown(f'Before.\n\n![Rouge on a rooftop](image:{image.pk} "Dusk")\n')

    figure = re.search(r"<figure>.*?</figure>", html, re.S)[0]
    url = image.file.url
    stem = url.rsplit(".", 1)[0].replace("/images/", "/images/renditions/")
    assert f'src="{url}"' in figure
    assert f'srcset="{stem}-png-480w.webp 480w, {stem}-png-800w.webp 800w, {url} 900w"' in figure
    assert 'sizes="(min-width: 50rem) 46rem, calc(100vw - 2rem)"' in figure
    assert 'width="900"' in figure and 'height="600"' in figure
    assert 'loading="lazy"' in figure and 'decoding="async"' in figure
    assert 'alt="Rouge on a rooftop"' in figure
    assert figure.endswith("<figcaption>Dusk</figcaption></figure>")
    assert "<p><figure>" not in html


def test_an_uncaptioned_figure_has_no_figcaption_and_takes_the_library_alt_text():
    image = ImageFactory(alt_text="Naomi laughing")

    html, _toc = render_markdown(f"![](image:{image.pk})")

    assert html.startswith("<figure><img ")
    assert 'alt="Naomi laughing"' in html
    assert "<figcaption>" not in html


def test_the_library_caption_and_credit_are_used_when_the_body_gives_none():
    image = ImageFactory(caption="The capital at night", credit="Studio Bones")

    html, _toc = render_markdown(f"![Skyline](image:{image.pk})")

    assert "<figcaption>The capital at night<br>Studio Bones</figcaption>" in html


def test_caption_and_alt_text_are_escaped():
    image = ImageFactory(credit="<b>me</b>")

    html, _toc = render_markdown(f'![a "quoted" <alt>](image:{image.pk} "<script>x</script>")')

    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;<br>&lt;b&gt;me&lt;/b&gt;" in html
    assert 'alt="a &quot;quoted&quot; &lt;alt&gt;"' in html


def test_an_image_inside_a_spoiler_stays_inside_the_details():
    image = ImageFactory()

    html, _toc = render_markdown(
        f':::spoiler The finale\nIt ends.\n\n![The last fight](image:{image.pk} "Ep. 13")\n:::\n'
        "After.\n"
    )

    details = re.search(r'<details class="spoiler">.*?</details>', html, re.S)[0]
    assert "<figure>" in details and "<figcaption>Ep. 13</figcaption>" in details
    assert html.count("<figure>") == 1


def test_a_library_image_inside_running_text_is_an_inline_img():
    image = ImageFactory()

    html, _toc = render_markdown(f"See ![the logo](image:{image.pk}) here.")

    assert html.startswith("<p>See <img ")
    assert 'alt="the logo"' in html and "srcset=" in html
    assert "<figure>" not in html


def test_a_missing_image_shows_readers_nothing_and_warns_the_editor():
    rendered = render_body("Intro.\n\n![Gone](image:999999)\n\nInline ![old shot](image:999998).")

    assert rendered.html == "<p>Intro.</p>\n<p>Inline old shot.</p>\n"
    assert rendered.missing_image_ids == [999999, 999998]
    assert "image:999999, which is not in the image library" in rendered.warnings[0]


def test_all_the_images_of_a_body_are_loaded_in_one_query(django_assert_num_queries):
    images = ImageFactory.create_batch(5)
    body = "\n\n".join(f"![Shot {image.pk}](image:{image.pk})" for image in images)

    with django_assert_num_queries(1):
        rendered = render_body(body)

    assert rendered.html.count("<figure>") == 5
    assert rendered.image_ids == [image.pk for image in images]


def test_a_body_without_library_images_costs_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        render_markdown("## Heading\n\nText and ![x](https://example.com/a.png).")


def test_srcset_from_elsewhere_in_raw_html_is_dropped():
    html, _toc = render_markdown(
        '<img src="/media/a.png" srcset="https://tracker.example/pixel.png 2x" alt="pixel">'
    )

    assert "tracker.example" not in html
    assert "<img" not in html

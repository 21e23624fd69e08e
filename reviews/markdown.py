"""Review bodies: editor Markdown to sanitised HTML plus a table of contents.

Syntax beyond standard Markdown (documented for editors in the README):

- Tables, fenced code blocks (```), and lists that keep their numbering.
- Headings of level 2 and 3 (``##``, ``###``) get an id, a "¶" permalink and an
  entry in the table of contents.
- Spoiler blocks, hidden until the reader opens them (a ``<details>`` element,
  so no JavaScript is needed)::

      :::spoiler What happens in episode 12
      The passage to hide, any Markdown.
      :::

  The text after ``:::spoiler`` is optional; it is shown as "Spoiler: …".

Raw HTML in the body is allowed through Markdown and then cut down by nh3 to an
explicit allow-list: no scripts, styles, iframes, event attributes or
``javascript:`` URLs survive, whatever the editor typed.
"""

import html
import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

TOC_LEVELS = (2, 3)

ALLOWED_TAGS = {
    *(f"h{level}" for level in range(1, 7)),
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "del",
    "sup",
    "sub",
    "a",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "details",
    "summary",
    "img",
}
ALLOWED_ATTRIBUTES = {
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
# Classes the renderer itself emits; anything else an editor types is dropped.
ALLOWED_CLASSES = {"a": {"headerlink"}, "details": {"spoiler"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


class SpoilerBlockProcessor(BlockProcessor):
    """Turns a ``:::spoiler summary`` … ``:::`` fence into ``<details class="spoiler">``."""

    START = re.compile(r"^:::spoiler(?:[ \t]+(?P<summary>[^\n]*))?[ \t]*(?:\n|$)")
    END = re.compile(r"(?m)^:::[ \t]*$")

    def test(self, parent, block):
        return bool(self.START.match(block))

    def run(self, parent, blocks):
        original = blocks[0]
        start = self.START.match(original)
        blocks[0] = original[start.end() :]
        for index, block in enumerate(blocks):
            end = self.END.search(block)
            if end is None:
                continue
            blocks[index] = block[: end.start()]
            rest = block[end.end() :].lstrip("\n")
            details = etree.SubElement(parent, "details", {"class": "spoiler"})
            summary = (start.group("summary") or "").strip()
            etree.SubElement(details, "summary").text = (
                f"Spoiler: {summary}" if summary else "Spoiler"
            )
            self.parser.parseBlocks(details, blocks[: index + 1])
            del blocks[: index + 1]
            if rest.strip():
                blocks.insert(0, rest)
            return True
        # No closing fence: leave the text to the other processors, unchanged.
        blocks[0] = original
        return False


class SpoilerExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's API name)
        md.parser.blockprocessors.register(SpoilerBlockProcessor(md.parser), "spoiler", 105)


def _markdown() -> markdown.Markdown:
    """A fresh converter per call: Markdown instances keep state between documents."""
    return markdown.Markdown(
        extensions=["toc", "tables", "fenced_code", "sane_lists", SpoilerExtension()],
        extension_configs={
            "toc": {
                "permalink": True,
                "permalink_title": "Link to this section",
                "toc_depth": f"{TOC_LEVELS[0]}-{TOC_LEVELS[-1]}",
            },
            "tables": {"use_align_attribute": True},
        },
        output_format="html",
    )


def _flatten_toc(tokens: list[dict]) -> list[dict]:
    entries = []
    for token in tokens:
        if token["level"] in TOC_LEVELS:
            entries.append(
                {"level": token["level"], "id": token["id"], "title": html.unescape(token["name"])}
            )
        entries.extend(_flatten_toc(token["children"]))
    return entries


def sanitise_html(raw_html: str) -> str:
    """Keep only the allow-listed tags, attributes, classes and URL schemes."""
    return nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener",
        set_tag_attribute_values={"img": {"loading": "lazy"}},
    )


def render_markdown(text: str) -> tuple[str, list[dict]]:
    """Render editor Markdown to (safe HTML, table of contents).

    The table of contents lists the level 2 and 3 headings in order as
    ``{"level": 2, "id": "anchor", "title": "plain text"}``.
    """
    converter = _markdown()
    raw_html = converter.convert(text)
    return sanitise_html(raw_html), _flatten_toc(converter.toc_tokens)

"""Review bodies: editor Markdown to sanitised HTML plus a table of contents.

The syntax is CommonMark (documented for editors in the README), with:

- Tables, fenced code blocks (```), and ordered lists that keep their numbering.
- Headings get an id and a "¶" permalink; those of level 2 and 3 (``##``, ``###``)
  also an entry in the table of contents.
- Spoiler blocks, hidden until the reader opens them (a ``<details>`` element,
  so no JavaScript is needed)::

      :::spoiler What happens in episode 12
      The passage to hide, any Markdown.
      :::

  The text after ``:::spoiler`` is optional; it is shown as "Spoiler: …". The
  next line holding only ``:::`` closes the block; without one, the text stays
  visible as typed.
- Images from the library (the ``images`` app), placed by id::

      ![Rouge on a rooftop at dusk](image:42 "The caption, optional")

  On a line of its own it becomes a ``<figure>`` whose ``<img>`` carries the
  renditions (``srcset``, ``sizes``), its size, lazy loading and the alt text,
  with a ``<figcaption>`` (the caption typed here, else the library's, and the
  credit on a line of its own). Inside running text it is the ``<img>`` alone.
  The images a body names are loaded in one query; one that is not in the
  library renders as nothing (in running text, as its alt text), and
  ``RenderedBody.warnings`` says so.
  No other image source is accepted in a body (``foreign_image_sources``, checked
  by the admin form): images from elsewhere would leak readers' addresses and
  break the Content Security Policy.

Rendering takes time linear in the length of the text, whatever it holds:
markdown-it-py is a CommonMark parser built for hostile input (no backtracking,
nesting cut at ``PARSER_NESTING``), and the additions here look each line up
once. A writer's save is refused before rendering when the body is longer than
``MAX_BODY_LENGTH`` or nests deeper than ``MAX_NESTING_DEPTH``
(``body_nesting``, checked by the admin form), so nothing they typed is dropped.

Raw HTML in the body is allowed through Markdown and then cut down by nh3 to an
explicit allow-list: no scripts, styles, iframes, event attributes or
``javascript:`` URLs survive, whatever the editor typed. Images stay only when
they come from this site or its media host (``src`` and every ``srcset``
candidate): the page must load nothing from elsewhere.
"""

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import nh3
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from images.models import Image

TOC_LEVELS = (2, 3)
MAX_BODY_LENGTH = 50_000
# Lists, quotes and spoilers inside each other. The parser stops descending at
# PARSER_NESTING token levels (a list level takes two), and its work on runs of
# brackets grows with that cap, so it stays at CommonMark's 20 and writers get a
# clear refusal well before anything would be cut.
MAX_NESTING_DEPTH = 8
PARSER_NESTING = 20

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
    "figure",
    "figcaption",
}
ALLOWED_ATTRIBUTES = {
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "a": {"href", "title"},
    "img": {"src", "srcset", "sizes", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
# Classes the renderer itself emits; anything else an editor types is dropped.
ALLOWED_CLASSES = {"a": {"headerlink"}, "details": {"spoiler"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

SPOILER_OPENER = re.compile(r":::spoiler(?:[ \t]+(?P<summary>.*?))?[ \t]*")
# A raw line that closes a spoiler in some context (at the top, or inside quotes).
SPOILER_CLOSER = re.compile(r"[ \t>]*:::[ \t]*")
# The blocks a spoiler may start in the middle of, as a fenced code block may.
SPOILER_INTERRUPTS = ["paragraph", "reference", "blockquote", "list"]
CONTAINER_TYPES = {"bullet_list_open", "ordered_list_open", "blockquote_open", "spoiler_open"}
TABLE_ALIGN = re.compile(r"text-align:(left|center|right)")
# nh3 writes every attribute value quoted and with ">" escaped, so this is the whole tag.
IMG_TAG = re.compile(r"<img\s[^>]*>")
IMG_ATTRIBUTE = re.compile(r'\s(src|srcset|alt)="([^"]*)"')
# A raw <img> tag an editor typed, anywhere in an HTML block or inline HTML.
RAW_IMG_TAG = re.compile(r"<img\b[^>]*>?", re.IGNORECASE)
# How a body names a library image: ![alt](image:42 "caption").
LIBRARY_IMAGE_SOURCE = re.compile(r"image:(?P<id>[1-9][0-9]{0,17})")
# The article column (68ch) is at most about 46rem wide; on phones, the screen less its margins.
FIGURE_SIZES = "(min-width: 50rem) 46rem, calc(100vw - 2rem)"
# The first figure's <img> in rendered HTML, and the width link previews are best at.
FIGURE_IMG = re.compile(r"<figure>\s*<img\s[^>]*>")
SHARE_IMAGE_WIDTH = 1200
WIDTH_CANDIDATE = re.compile(r"(\S+)\s+(\d+)w")
# What browsers drop from a URL before reading it: tabs and newlines anywhere, and
# control characters and spaces at either end.
URL_IGNORED_CHARACTERS = re.compile(r"[\t\n\r]")
URL_TRIMMED_CHARACTERS = "".join(map(chr, range(0x21)))


def _line_text(state: StateBlock, line: int) -> str:
    """The line as the current block sees it (after its quote markers and indentation)."""
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _closer_lines(state: StateBlock) -> list[int]:
    """The lines that may close a spoiler, found once per document for every opener to share."""
    lines = state.env.get("spoiler_closer_lines")
    if lines is None:
        lines = [
            number
            for number, line in enumerate(state.src.split("\n"))
            if SPOILER_CLOSER.fullmatch(line)
        ]
        state.env["spoiler_closer_lines"] = lines
    return lines


def _closes_spoiler(state: StateBlock, line: int) -> bool:
    """Whether ``line`` holds only ``:::`` in the current block (not indented into code)."""
    indent = state.sCount[line] - state.blkIndent
    return 0 <= indent < 4 and _line_text(state, line).rstrip() == ":::"


def _spoiler_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """``:::spoiler summary`` … ``:::`` becomes ``<details class="spoiler">``.

    The closing line is the next one holding only ``:::``, looked up in a list made
    once, so many unclosed openers cost no rescans of the text below them.
    """
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    opener = SPOILER_OPENER.fullmatch(_line_text(state, start_line))
    if opener is None:
        return False
    closers = _closer_lines(state)
    index = bisect_right(closers, start_line)
    if index == len(closers):
        return False
    close_line = closers[index]
    if close_line >= end_line or not _closes_spoiler(state, close_line):
        return False
    if silent:
        return True

    details = state.push("spoiler_open", "details", 1)
    details.attrSet("class", "spoiler")
    details.markup, details.block = ":::", True
    state.push("summary_open", "summary", 1).block = True
    summary = (opener["summary"] or "").strip()
    label = state.push("inline", "", 0)
    label.content = f"Spoiler: {summary}" if summary else "Spoiler"
    label.map, label.children = [start_line, start_line + 1], []
    state.push("summary_close", "summary", -1).block = True

    old_parent, old_line_max = state.parentType, state.lineMax
    state.parentType = "spoiler"
    state.lineMax = close_line  # no lazy paragraph continues past the closing line
    state.md.block.tokenize(state, start_line + 1, close_line)
    # A line indented less than the block around it ends the spoiler early, as it
    # ends a list item; the lines after it are then the outer block's.
    stop = min(state.line, close_line)
    state.parentType, state.lineMax = old_parent, old_line_max

    state.push("spoiler_close", "details", -1).block = True
    details.map = [start_line, stop + 1]
    state.line = close_line + 1 if stop == close_line else stop
    return True


def _slug(title: str) -> str:
    """The anchor Python-Markdown's toc extension gave, so links to sections keep working."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_title).strip().lower())


class _Anchors:
    """Unique heading ids: a repeated title gets ``_1``, ``_2`` … in one step each."""

    def __init__(self):
        self.used: set[str] = set()
        self.next_suffix: dict[str, int] = {}

    def unique(self, slug: str) -> str:
        anchor = slug
        if not anchor or anchor in self.used:
            suffix = self.next_suffix.get(slug, 1)
            while f"{slug}_{suffix}" in self.used:
                suffix += 1
            self.next_suffix[slug] = suffix + 1
            anchor = f"{slug}_{suffix}"
        self.used.add(anchor)
        return anchor


def _heading_title(inline: Token) -> str:
    """A heading's plain text: its words and code, without markup or images."""
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def _anchor_headings(state: StateCore) -> None:
    """Give headings an id and a permalink, list the table of contents, and align table cells.

    Cells get the ``align`` attribute instead of markdown-it's inline ``style``, which
    the Content Security Policy forbids (and nh3 drops).
    """
    anchors, toc = _Anchors(), []
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type in ("th_open", "td_open"):
            alignment = TABLE_ALIGN.fullmatch(str(token.attrs.pop("style", "")))
            if alignment:
                token.attrSet("align", alignment[1])
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        title = _heading_title(inline)
        anchor = anchors.unique(_slug(title))
        token.attrSet("id", anchor)
        level = int(token.tag[1])
        if level in TOC_LEVELS:
            toc.append({"level": level, "id": anchor, "title": title})
        permalink = Token(
            "link_open",
            "a",
            1,
            attrs={"class": "headerlink", "href": f"#{anchor}", "title": "Link to this section"},
        )
        inline.children = [
            *(inline.children or []),
            permalink,
            Token("text", "", 0, content="¶"),
            Token("link_close", "a", -1),
        ]
    state.env["toc"] = toc


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": True, "maxNesting": PARSER_NESTING})
    parser.enable("table")
    # nh3 alone decides which URLs survive, for Markdown links and raw HTML alike, so a
    # refused address leaves its link text rather than the Markdown source around it.
    parser.validateLink = lambda url: True
    parser.block.ruler.before("fence", "spoiler", _spoiler_block, {"alt": SPOILER_INTERRUPTS})
    parser.core.ruler.push("heading_anchors", _anchor_headings)
    return parser


# Parsers keep no state between documents (that lives in each call's env), so one
# of each serves every thread.
PARSER = _parser()
# The block structure alone (no inline parsing), for checking nesting before a render.
STRUCTURE_PARSER = _parser().disable(["inline", "text_join", "heading_anchors"])


def _is_site_url(url: str) -> bool:
    """Whether an image address loads from this site or its media host, read as a browser does."""
    url = URL_IGNORED_CHARACTERS.sub("", url).strip(URL_TRIMMED_CHARACTERS)
    parts = urlsplit(url.replace("\\", "/"))
    if not parts.scheme and not parts.netloc:
        return True
    media_url = settings.MEDIA_URL
    return bool(urlsplit(media_url).netloc) and url.startswith(media_url)


def _srcset_urls(srcset: str) -> list[str]:
    """The URLs of a ``srcset`` value (each candidate is a URL, then an optional descriptor)."""
    return [candidate.split()[0] for candidate in srcset.split(",") if candidate.strip()]


def _keep_site_images(clean_html: str) -> str:
    """Replace images from elsewhere by their alt text (already escaped by nh3)."""

    def keep_or_replace(tag: re.Match) -> str:
        attributes = dict(IMG_ATTRIBUTE.findall(tag[0]))
        sources = [attributes.get("src", ""), *_srcset_urls(attributes.get("srcset", ""))]
        if "src" in attributes and all(_is_site_url(html.unescape(url)) for url in sources):
            return tag[0]
        return attributes.get("alt", "")

    return IMG_TAG.sub(keep_or_replace, clean_html)


def _allow_listed(raw_html: str, **options) -> str:
    return nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener",
        set_tag_attribute_values={"img": {"loading": "lazy", "decoding": "async"}},
        **options,
    )


def sanitise_html(raw_html: str) -> str:
    """Keep only the allow-listed tags, attributes, classes, URL schemes and image sources."""
    return _keep_site_images(_allow_listed(raw_html))


def with_absolute_urls(clean_html: str, *, base_url: str) -> str:
    """Sanitised HTML for readers away from the site (a feed reader): every link, image
    source and srcset candidate resolved against `base_url`, the page the HTML belongs to
    (so "#heading" links lead to that page's heading). Cleaned again on the way."""

    def absolute_srcset(tag: str, attribute: str, value: str) -> str:
        if attribute != "srcset":
            return value
        candidates = (candidate.split(maxsplit=1) for candidate in value.split(","))
        return ", ".join(
            " ".join([urljoin(base_url, parts[0]), *parts[1:]]) for parts in candidates if parts
        )

    return _allow_listed(
        clean_html,
        url_relative=("rewrite_with_base", base_url),
        attribute_filter=absolute_srcset,
    )


@dataclass(frozen=True)
class Nesting:
    """How deep lists, quotes and spoilers go, and the first line (from 1) that deep."""

    depth: int
    line: int


def body_nesting(text: str) -> Nesting:
    """The deepest nesting of lists, quotes and spoilers in ``text`` (block structure only)."""
    depth, deepest = 0, Nesting(depth=0, line=0)
    for token in STRUCTURE_PARSER.parse(text, {}):
        if token.type in CONTAINER_TYPES:
            depth += 1
            if depth > deepest.depth:
                deepest = Nesting(depth=depth, line=token.map[0] + 1 if token.map else 0)
        elif token.nesting == -1 and token.type.replace("_close", "_open") in CONTAINER_TYPES:
            depth -= 1
    return deepest


def _library_image_id(token: Token) -> int | None:
    """The library image an ``image`` token names (``image:42``), else None."""
    match = LIBRARY_IMAGE_SOURCE.fullmatch(str(token.attrs.get("src", "")))
    return int(match["id"]) if match else None


def _inline_children(tokens: list[Token]):
    for token in tokens:
        if token.type == "inline":
            yield from token.children or []


def _alt_text(token: Token) -> str:
    return PARSER.renderer.renderInlineAsText(token.children, PARSER.options, {}).strip()


def _img_html(image: Image, alt: str) -> str:
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
        'loading="lazy" decoding="async">',
        image.file.url,
        image.file.srcset,
        FIGURE_SIZES,
        image.width,
        image.height,
        alt,
    )


def _figure_html(image: Image, token: Token) -> str:
    """The image in its ``<figure>``, captioned by the body's title, else the library's."""
    lines = [str(token.attrs.get("title") or image.caption).strip(), image.credit.strip()]
    caption = format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines if line))
    figcaption = format_html("<figcaption>{}</figcaption>", caption) if caption else ""
    img = _img_html(image, _alt_text(token) or image.alt_text)
    return format_html("<figure>{}{}</figure>\n", img, figcaption)


def _standalone_image(tokens: list[Token], index: int) -> Token | None:
    """The library image that is all of the paragraph starting at ``index``, if it is one."""
    if tokens[index].type != "paragraph_open" or index + 2 >= len(tokens):
        return None
    children = [
        child
        for child in tokens[index + 1].children or []
        if not (child.type == "softbreak" or (child.type == "text" and not child.content.strip()))
    ]
    if len(children) == 1 and children[0].type == "image" and _library_image_id(children[0]):
        return children[0]
    return None


def _place_library_images(tokens: list[Token], images: dict[int, Image]) -> list[Token]:
    """Library images as figures (alone in their paragraph) or inline ``<img>`` tags.

    One that is not in ``images`` leaves nothing on its own line, its alt text in a line.
    """
    placed: list[Token] = []
    index = 0
    while index < len(tokens):
        standalone = _standalone_image(tokens, index)
        if standalone is not None:
            image = images.get(_library_image_id(standalone))
            if image is not None:
                figure = Token("html_block", "", 0, content=_figure_html(image, standalone))
                figure.block = True
                placed.append(figure)
            index += 3
            continue
        token = tokens[index]
        if token.type == "inline" and token.children:
            token.children = [_inline_image(child, images) for child in token.children]
        placed.append(token)
        index += 1
    return placed


def _inline_image(token: Token, images: dict[int, Image]) -> Token:
    image_id = _library_image_id(token) if token.type == "image" else None
    if image_id is None:
        return token
    image = images.get(image_id)
    if image is None:
        return Token("text", "", 0, content=_alt_text(token))
    return Token("html_inline", "", 0, content=_img_html(image, _alt_text(token) or image.alt_text))


@dataclass(frozen=True)
class RenderedBody:
    """A body rendered: its safe HTML, table of contents, and the library images it names."""

    html: str
    toc: list[dict]
    # The library images placed, in order of first appearance, and those not found.
    image_ids: list[int]
    missing_image_ids: list[int]

    @property
    def warnings(self) -> list[str]:
        """What the editor should hear before readers see the page."""
        return [
            f"The body places image:{image_id}, which is not in the image library (removed, "
            "or a mistyped number). Readers see nothing there; pick an image from the library."
            for image_id in self.missing_image_ids
        ]


def render_body(text: str) -> RenderedBody:
    """Render editor Markdown, loading the library images it names in one query."""
    env: dict = {}
    tokens = PARSER.parse(text, env)
    named = list(
        dict.fromkeys(
            image_id
            for child in _inline_children(tokens)
            if child.type == "image" and (image_id := _library_image_id(child))
        )
    )
    images = Image.objects.in_bulk(named) if named else {}
    raw_html = PARSER.renderer.render(_place_library_images(tokens, images), PARSER.options, env)
    return RenderedBody(
        html=sanitise_html(raw_html),
        toc=env["toc"],
        image_ids=[image_id for image_id in named if image_id in images],
        missing_image_ids=[image_id for image_id in named if image_id not in images],
    )


def render_markdown(text: str) -> tuple[str, list[dict]]:
    """Render editor Markdown to (safe HTML, table of contents).

    The table of contents lists the level 2 and 3 headings in order as
    ``{"level": 2, "id": "anchor", "title": "plain text"}``.
    """
    rendered = render_body(text)
    return rendered.html, rendered.toc


def foreign_image_sources(text: str) -> list[str]:
    """The images in ``text`` that are not library images: Markdown ones and raw ``<img>`` tags.

    A text with neither ``![`` nor ``<img`` holds no image, and is not parsed: the save
    parses it once more to render it.
    """
    if "![" not in text and "<img" not in text.lower():
        return []
    found = []
    tokens = PARSER.parse(text, {})
    for child in _inline_children(tokens):
        if child.type == "image" and _library_image_id(child) is None:
            found.append(str(child.attrs.get("src", "")))
        elif child.type == "html_inline":
            found.extend(RAW_IMG_TAG.findall(child.content))
    for token in tokens:
        if token.type == "html_block":
            found.extend(RAW_IMG_TAG.findall(token.content))
    return found


def first_figure_image_url(body_html: str, *, at_least: int = SHARE_IMAGE_WIDTH) -> str:
    """The first figure's image in rendered HTML, or "": its narrowest rendition at least
    ``at_least`` pixels wide, else the widest there is (the original, when it is narrower)."""
    match = FIGURE_IMG.search(body_html)
    if match is None:
        return ""
    attributes = dict(IMG_ATTRIBUTE.findall(match[0]))
    candidates = sorted(
        (int(width), url) for url, width in WIDTH_CANDIDATE.findall(attributes.get("srcset", ""))
    )
    wide_enough = [url for width, url in candidates if width >= at_least]
    if wide_enough:
        return html.unescape(wide_enough[0])
    return html.unescape(candidates[-1][1] if candidates else attributes.get("src", ""))

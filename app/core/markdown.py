"""Markdown rendered to safe HTML (Python-Markdown then nh3), and to plain text for the index."""
import html
import re

import markdown as md
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["tables", "sane_lists"]


def markdown_to_html(source: str | None) -> str:
    """Sanitised HTML: no script, no event handler, no javascript: link survives."""
    html = md.markdown(source or "", extensions=EXTENSIONS)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


_HEADING = re.compile(r"<(/?)h([1-5])>")


def render_markdown(source: str | None) -> Markup:
    """For pages (the `markdown` filter): the page's own title is its only h1, so headings in the
    text move one level down (# -> h2). nh3 leaves heading tags without attributes."""
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", markdown_to_html(source))
    return Markup(html)


_TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*>")
_INLINE = {"strong", "em", "b", "i", "u", "s", "del", "code", "a"}


def _tag_to_text(match: re.Match) -> str:
    # Inline markup vanishes ("**Besproken**:" -> "Besproken:"); block ends separate words.
    return "" if match.group(2).lower() in _INLINE else " "


def markdown_to_text(source: str | None) -> str:
    """Plain text for the search index and snippets."""
    text = _TAG.sub(_tag_to_text, markdown_to_html(source))
    return re.sub(r"\s+", " ", html.unescape(text)).strip()

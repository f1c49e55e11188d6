"""Markdown is rendered safely, and flattened to clean text for the index."""
import pytest

from app.core.markdown import markdown_to_html, markdown_to_text


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    "[klik](javascript:alert(1))",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src='https://evil.example'></iframe>",
])
def test_no_active_content_survives(source):
    html = markdown_to_html(source).lower()
    assert "<script" not in html and "javascript:" not in html
    assert "onerror" not in html and "<iframe" not in html


def test_formatting_survives():
    html = markdown_to_html("**vet** *schuin* [site](https://example.be)\n\n- een\n- twee")
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html
    assert 'href="https://example.be"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<li>een</li>" in html


def test_text_keeps_words_whole_and_separate():
    text = markdown_to_text("**Besproken**: de *fiets*snelweg\n\n- een\n- twee\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert text == "Besproken: de fietssnelweg een twee a b 1 2"

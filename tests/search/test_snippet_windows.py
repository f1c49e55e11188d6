"""Snippets read from the text around the matches (the characters the index stores) are the ones
read from the whole text: random texts with long runs of punctuation and spaces, words with dots,
compounds, stop words, matches at the start and end and past the highlighter's character limit."""
import random

import pytest
from whoosh.highlight import FIRST, top_fragments

from app.search.whoosh_query import dutch_analyzer
from app.search.whoosh_snippets import Snippets

WORDS = ("mobiliteit fietssnelweg fietssnelwegproject F25 jobbeurs jobbeurzen steden stad Leuven Tienen "
         "verslag de het van een in 2.5 e-mail café's x.y.z_1 arbeidsmarkt zorg").split()
GAPS = (" ", " ", " ", "  ", ", ", ". ", "\n", " -- ", " … ", "!" * 40, " " * 150, "\t(", ") ")


def _text(rng: random.Random, size: int) -> str:
    parts = []
    for _ in range(size):
        parts.append(rng.choice(WORDS) if rng.random() < 0.7 else "x" * rng.randint(1, 90))
        parts.append(rng.choice(GAPS))
    return "".join(parts)


def _matches(snippets: Snippets, text: str, words: frozenset) -> list:
    """What the index stores: the start of every word one of whose terms is searched for."""
    analyzer = dutch_analyzer()
    return sorted({t.startchar for t in analyzer(text, positions=True, chars=True, mode="index") if t.text in words})


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("charlimit", [None, 700])
def test_snippets_from_windows_are_snippets_from_the_whole_text(seed, charlimit):
    rng = random.Random(seed)
    snippets = Snippets(dutch_analyzer())
    if charlimit:
        snippets.fragmenter.charlimit = charlimit
    assert snippets.windows is not None
    text = _text(rng, rng.choice((3, 30, 300)))
    analyzer = dutch_analyzer()
    terms = sorted({t.text for t in analyzer(text, mode="index")})
    if not terms:
        return
    words = frozenset(rng.sample(terms, min(len(terms), rng.randint(1, 3))))
    matches = _matches(snippets, text, words)
    expected = snippets.highlight(text, words)  # the whole text
    assert snippets.highlight(text, words, matches) == expected  # windows, or the whole text when they would cover it
    fragments = snippets._fragments(text, words, snippets._seen_near(text, matches))  # windows in every case
    assert snippets.formatter.format(top_fragments(fragments, snippets.top, snippets.scorer, FIRST, minscore=1)) == expected
    if not charlimit:
        assert ("<mark>" in expected) == bool(matches)

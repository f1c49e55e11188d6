"""The Dutch lexicon and decompounding of the search analysis, shared by both backends: word forms
the Snowball stemmer does not bring together (steden -> stad, kept in data/nl_lexicon.txt) and the
domain's compounds (mobiliteitsplan -> mobiliteit + plan, words in data/nl_compounds.txt).

Words given to `lemma` and `compound_parts` are lower case with accents folded (`fold`). Queries
only go through `lemma`; compounds are split when indexing, so a query costs no more than before.
"""
import hashlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
LEXICON_FILE = DATA / "nl_lexicon.txt"
COMPOUNDS_FILE = DATA / "nl_compounds.txt"
#: what may join two parts of a compound: nothing (fietspad), -s- (mobiliteitsplan), -e- and -en-
LINKS = ("", "s", "e", "en")
#: shorter words are not split: a 6-letter word made of two 3-letter words is seldom a compound
MIN_COMPOUND = 7
#: the shortest part (job, bus, lid, weg); shorter dictionary words are ignored
MIN_PART = 3
#: raise when the analysis changes in code (the data files are hashed into analysis_version)
ANALYSIS_CODE_VERSION = 1
_WORD = re.compile(r"\w+")


def fold(value: str) -> str:
    """Lower case without accents, as the index sees words (café -> cafe)."""
    decomposed = unicodedata.normalize("NFKD", value.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _lines(path: Path):
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            yield line


@lru_cache(maxsize=1)
def lexicon() -> dict[str, str]:
    """form -> lemma, from data/nl_lexicon.txt (read once per process)."""
    table = {}
    for line in _lines(LEXICON_FILE):
        form, tab, lemma_ = line.partition("\t")
        if not tab or not form.strip() or not lemma_.strip():
            raise ValueError(f"{LEXICON_FILE.name}: not 'form<TAB>lemma': {line!r}")
        table[fold(form.strip())] = fold(lemma_.strip())
    return table


@lru_cache(maxsize=1)
def compound_words() -> frozenset[str]:
    """The words compounds are split into, from data/nl_compounds.txt (read once per process)."""
    return frozenset(word for word in map(fold, _lines(COMPOUNDS_FILE)) if len(word) >= MIN_PART)


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """Changes whenever the analysis does (code or data): part of every entry's fingerprint, so
    check-index reports an index built with another analysis as stale."""
    digest = hashlib.sha256(str(ANALYSIS_CODE_VERSION).encode())
    for path in (LEXICON_FILE, COMPOUNDS_FILE):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _known(piece: str) -> str | None:
    """`piece` as a compound word (itself, or the lemma of a form of one), or None."""
    words = compound_words()
    if piece in words:
        return piece
    lemma_ = lexicon().get(piece)
    return lemma_ if lemma_ in words else None


@lru_cache(maxsize=100_000)
def _segment(word: str) -> tuple[tuple[int, str], ...] | None:
    """The fewest known parts `word` is made of, each (where it starts, the part as known), joined
    by the links; None when `word` is not wholly made of known words."""
    size = len(word)
    best: dict[int, tuple] = {0: ()}
    for start in range(size):
        parts = best.get(start)
        if parts is None:
            continue
        for end in range(start + MIN_PART, size + 1):
            if start == 0 and end == size:
                continue  # the word itself is no split
            known = _known(word[start:end])
            if known is None:
                continue
            longer = parts + ((start, known),)
            for link in LINKS:
                after = end + len(link)
                if link and (after >= size or word[end:after] != link):
                    continue
                if after not in best or len(longer) < len(best[after]):
                    best[after] = longer
    found = best.get(size)
    return found if found and len(found) > 1 else None


@lru_cache(maxsize=100_000)
def lemma(word: str) -> str:
    """The form `word` is indexed and searched as: its lemma from the lexicon; for a compound whose
    last part is such a form, the compound with that part's lemma (fietsbeurzen -> fietsbeurs)."""
    found = lexicon().get(word)
    if found is not None:
        return found
    if len(word) >= MIN_COMPOUND:
        parts = _segment(word)
        if parts:
            start, known = parts[-1]
            if word[start:] != known:
                return word[:start] + known
    return word


@lru_cache(maxsize=100_000)
def compound_parts(word: str) -> tuple[str, ...]:
    """The known words `word` (a lemma) is made of, and theirs in turn (fietssnelwegproject ->
    fietssnelweg, project, fiets, snelweg); () when it is no compound of known words."""
    if len(word) < MIN_COMPOUND:
        return ()
    parts = _segment(word)
    if not parts:
        return ()
    found = []
    for _start, known in parts:
        found.append(known)
        found.extend(compound_parts(known))
    return tuple(part for part in dict.fromkeys(found) if part != word)


def normalise_text(text: str) -> str:
    """`text` with every word the lexicon knows replaced by its lemma, everything else untouched
    (operators, quotes, case): what PostgreSQL analyses, for entries and queries alike."""
    def replace(match):
        word = match.group(0)
        folded = fold(word)
        found = lemma(folded)
        return word if found == folded else found
    return _WORD.sub(replace, text)


def compound_text(text: str) -> str:
    """The parts of every compound in `text`, space-separated (PostgreSQL indexes them beside it)."""
    parts = []
    for word in dict.fromkeys(fold(match) for match in _WORD.findall(text)):
        if len(word) >= MIN_COMPOUND:
            parts.extend(compound_parts(lemma(word)))
    return " ".join(parts)

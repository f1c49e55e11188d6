"""The lexicon and compound data themselves (app/search/data): well-formed, each entry needed, and
the decompounding heuristic measured on words of the domain. No index needed."""
import pytest
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

from app.search import lexicon
from app.search.whoosh_query import dutch_analyzer


@pytest.fixture(autouse=True)
def search_backend():
    """Overrides the per-backend runs of tests/search/conftest.py: these tests use no backend."""
    return None


def plain_stem(word: str) -> str:
    """The stem Snowball alone gives (the analysis before the lexicon existed)."""
    analyzer = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter(lang="nl")
    return " ".join(token.text for token in analyzer(word))


def terms(text: str, mode: str = "query") -> list[str]:
    return [token.text for token in dutch_analyzer()(text, mode=mode)]


def test_every_lexicon_entry_is_one_the_stemmer_gets_wrong_and_the_lexicon_fixes():
    table = lexicon.lexicon()
    assert len(table) > 150
    for form, lemma in table.items():
        assert plain_stem(form) != plain_stem(lemma), f"{form} -> {lemma}: the stemmer already unifies them"
        assert terms(form) == terms(lemma), form
        assert lemma not in table, f"{lemma} is itself a form: lemmas must be final"


def test_the_forms_named_in_the_issue_are_unified():
    for forms in (("jobbeurs", "jobbeurzen"), ("stad", "steden"), ("lid", "leden"), ("gelegenheid", "gelegenheden"),
                  ("fiets", "fietsen"), ("actie", "acties"), ("goedkeuren", "goedgekeurd"), ("huis", "huizen"),
                  ("plan", "plannen"), ("brief", "brieven"), ("kind", "kinderen"), ("fietsbeurs", "fietsbeurzen")):
        assert len({tuple(terms(form)) for form in forms}) == 1, forms


def test_the_data_files_are_well_formed(tmp_path, monkeypatch):
    bad = tmp_path / "nl_lexicon.txt"
    bad.write_text("# a comment\nsteden stad\n", encoding="utf-8")  # a space, not a tab
    monkeypatch.setattr(lexicon, "LEXICON_FILE", bad)
    lexicon.lexicon.cache_clear()
    try:
        with pytest.raises(ValueError, match="form<TAB>lemma"):
            lexicon.lexicon()
    finally:
        monkeypatch.undo()
        lexicon.lexicon.cache_clear()
    assert all(word == lexicon.fold(word) for word in lexicon.compound_words())


def test_the_analysis_version_follows_the_data(tmp_path, monkeypatch):
    before = lexicon.analysis_version()
    changed = tmp_path / "nl_compounds.txt"
    changed.write_text(lexicon.COMPOUNDS_FILE.read_text(encoding="utf-8") + "fietsbel\n", encoding="utf-8")
    monkeypatch.setattr(lexicon, "COMPOUNDS_FILE", changed)
    lexicon.analysis_version.cache_clear()
    try:
        assert lexicon.analysis_version() != before
    finally:
        monkeypatch.undo()
        lexicon.analysis_version.cache_clear()
    assert lexicon.analysis_version() == before


#: compounds of the domain, and the parts each must be found by
COMPOUNDS = {
    "fietssnelwegproject": {"fietssnelweg", "fiets", "snelweg", "project"},
    "mobiliteitsplan": {"mobiliteit", "plan"},
    "jobbeurs": {"job", "beurs"},
    "arbeidsmarktbeleid": {"arbeidsmarkt", "arbeid", "markt", "beleid"},
    "kenniseconomie": {"kennis", "economie"},
    "bedrijventerrein": {"bedrijven", "terrein"},
    "gemeenteraad": {"gemeente", "raad"},
    "raadslid": {"raad", "lid"},
    "verkeersveiligheid": {"verkeer", "veiligheid"},
    "mobiliteitsbudget": {"mobiliteit", "budget"},
    "stadsbus": {"stad", "bus"},
    "fietsenplan": {"fiets", "plan"},
    "actieplan": {"actie", "plan"},
    "streekbeleid": {"streek", "beleid"},
    "vervoerregio": {"vervoer", "regio"},
    "woonzorgzone": set(),  # "woon" is no word of the list: not split rather than split wrongly
}
#: words that contain known words but are no compounds of them: never split
NOT_COMPOUNDS = ("vergadering", "netwerk", "stadion", "opleiding", "werkgever", "parkeren", "beleidsmatig",
                 "agendering", "planning", "projectie", "begrotingen", "verkeerd", "planeet", "regionaal",
                 "kernachtig")


def test_compounds_of_the_domain_split_into_their_parts():
    for word, parts in COMPOUNDS.items():
        assert set(lexicon.compound_parts(word)) == parts, word


def test_words_that_only_contain_known_words_are_not_split():
    wrong = {word: lexicon.compound_parts(word) for word in NOT_COMPOUNDS if lexicon.compound_parts(word)}
    assert wrong == {}


def test_parts_share_the_position_of_their_compound_when_indexing_only():
    tokens = [(token.text, token.pos) for token in
              dutch_analyzer()("Het mobiliteitsplan loopt", mode="index", positions=True)]
    assert tokens == [("mobiliteitsplan", 1), ("mobiliteit", 1), ("plan", 1), ("loopt", 2)]
    assert terms("mobiliteitsplan") == ["mobiliteitsplan"]  # a query word is never split


def test_normalising_for_postgres_keeps_operators_quotes_and_unknown_words():
    assert lexicon.normalise_text('"De STEDEN" OR Jobbeurzen NOT -fietsen café') == \
        '"De stad" OR jobbeurs NOT -fiets café'
    assert lexicon.compound_text("Het fietssnelwegproject, het Mobiliteitsplan") == \
        "fietssnelweg fiets snelweg project mobiliteit plan"

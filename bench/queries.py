"""The fixed mix of Dutch queries: single words, word forms, phrases, boolean, filters, facets, typos.

Each is asked by every benchmark user (anonymous, a member of the Taskforce, the beheerder), so the
permission filter is part of what is measured.
"""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Query:
    kind: str
    q: str
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"

    def label(self) -> str:
        extra = " ".join(f"{k}={v}" for k, v in sorted(self.filters.items()))
        return " ".join(part for part in (self.q or "∅", extra, "" if self.sort == "relevance" else f"sort={self.sort}") if part)


MIX = (
    Query("word", "mobiliteit"),
    Query("word", "fietssnelweg"),
    Query("word", "arbeidsmarkt"),
    Query("word", "kenniseconomie"),
    Query("word", "brownfields"),
    Query("word", "agrovoeding"),
    Query("word", "Tienen"),
    Query("form", "vergaderingen"),
    Query("form", "fietspaden"),
    Query("form", "besluiten"),
    Query("form", "knelpuntberoep"),
    Query("form", "opleidingen"),
    Query("form", "bedrijventerreinen"),
    Query("phrase", '"duurzame economische ontwikkeling"'),
    Query("phrase", '"goedkeuring verslag"'),
    Query("phrase", '"fietssnelweg F25"'),
    Query("phrase", '"vervoerregio Leuven"'),
    Query("boolean", "arbeidsmarkt AND zorg"),
    Query("boolean", "mobiliteit NOT fiets"),
    Query("filter", "mobiliteit", {"type": "decision"}),
    Query("filter", "jobbeurs", {"body": "taskforce"}),
    Query("filter", "fietspad", {"year": "2021"}),
    Query("filter", "leegstand", {"action_line": "2"}),
    Query("filter", "begroting", {"type": "decision", "body": "burgemeestersoverleg", "year": "2019"}),
    Query("filter", "verkeersveiligheid", {}, "date"),
    Query("facets", "", {"type": "document"}),
    Query("facets", "", {"body": "taskforce", "year": "2024"}),
    Query("facets", "", {}),
    Query("typo", "mobilitiet"),
    Query("typo", "arbiedsmarkt"),
)
KINDS = tuple(dict.fromkeys(query.kind for query in MIX))

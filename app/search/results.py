"""What a search returns, whichever backend answered: the facets, Hit and Results."""
from dataclasses import dataclass, field

#: the facets every backend counts, in the order the search page shows them
FACETS = ("type", "body", "year", "action_line", "state")


@dataclass
class Hit:
    type: str
    id: int
    title: str
    url: str
    snippet: str
    title_html: str
    body: str
    year: str
    action_line: str
    state: str
    date: object
    score: float


@dataclass
class Results:
    total: int
    hits: list
    facets: dict = field(default_factory=dict)
    page: int = 1
    pagelen: int = 20
    #: True when nothing matched as typed and the typo-tolerant query was used
    fuzzy: bool = False

    @classmethod
    def empty(cls, page: int = 1, pagelen: int = 20) -> "Results":
        """No hits and no facet counts."""
        return cls(0, [], {name: {} for name in FACETS}, page, pagelen)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.pagelen))


def shorten(text: str, length: int = 220) -> str:
    """`text` on one line, cut at a word boundary after at most `length` characters."""
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + " …"

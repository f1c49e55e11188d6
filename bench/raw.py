"""The baseline: the same queries run directly on the app's Whoosh index, without the app.

Opens the live generation of SEARCH_INDEX_PATH itself and parses each query with a parser set up as
the app's (same fields, same grouping, same plugins removed, the app's own NOT rewrite), so the parsed
queries are the same.
Whoosh is imported here only, in bench/.
"""
from pathlib import Path

from whoosh import index as whoosh_index, qparser, sorting
from whoosh.highlight import ContextFragmenter, HtmlFormatter
from whoosh.query import And, Every, Term

# the app's own NOT rewrite and typo fallback: the same queries
from app.search.whoosh_query import TEXT_FIELDS, fuzzy_query, or_not_as_and_not

FACETS = ("type", "body", "year", "action_line", "state")


class RawWhoosh:
    def __init__(self, index_root: str):
        root = Path(index_root)
        name = (root / "CURRENT").read_text().strip()
        self.ix = whoosh_index.open_dir(str(root / name))
        self.searcher = self.ix.searcher()
        parser = qparser.MultifieldParser(list(TEXT_FIELDS), self.ix.schema, group=qparser.OrGroup.factory(0.9))
        for plugin in (qparser.FieldsPlugin, qparser.WildcardPlugin, qparser.RangePlugin,
                       qparser.BoostPlugin, qparser.PlusMinusPlugin):
            parser.remove_plugin_class(plugin)
        parser.add_plugin(qparser.FuzzyTermPlugin())
        self.parser = parser
        #: (q, filters) whose parsed query matches nothing, so the app answers with its fuzzy query
        self._fallback: dict[tuple, bool] = {}

    def close(self) -> None:
        self.searcher.close()
        self.ix.close()

    def run(self, q: str, filters: dict, sort: str, full: bool = True) -> int:
        """The equivalent answer: top 20 with the field filters and sort, and when `full` also the
        five facet counts and the snippets of the hits (what a results page shows). Returns the total."""
        query = self.parser.parse(q).accept(or_not_as_and_not) if q else Every()
        terms = [Term(name, str(value)) for name, value in filters.items() if value]
        kwargs = {"limit": 20, "filter": And(terms) if terms else None}
        key = (q, tuple(sorted(filters.items())))
        if key not in self._fallback:  # decided once (the warm-up round), not timed again
            self._fallback[key] = bool(q) and self.searcher.search(query, limit=1, filter=kwargs["filter"]).is_empty()
        if self._fallback[key]:
            # a typo: what the app runs when nothing matched (`mobilitiet` -> mobilitiet~2 on title and text)
            query = fuzzy_query(q)
        if not q and sort == "relevance":
            sort = "date"
        if sort == "date":
            kwargs.update(sortedby="date", reverse=True)
        elif sort == "date_asc":
            kwargs["sortedby"] = "date"
        if full:
            facets = sorting.Facets()
            for name in FACETS:
                facets.add_facet(name, sorting.FieldFacet(name, maptype=sorting.Count))
            kwargs["groupedby"] = facets
            if q:
                kwargs["terms"] = True
        results = self.searcher.search(query, **kwargs)
        total = len(results)
        if full:
            for name in FACETS:
                results.groups(name)
            if q:
                results.fragmenter = ContextFragmenter(maxchars=220, surround=50)
                results.formatter = HtmlFormatter(tagname="mark", classname="", termclass="")
                for hit in results[:20]:
                    hit.highlights("text", top=2)
        return total

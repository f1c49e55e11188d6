"""The Whoosh backend: generations swapped atomically, one writer at a time through a file lock,
one searcher per process. The folder (CURRENT, generations, the lock) is in whoosh_files.py, the
schema and query parsing in whoosh_query.py.
Only the whoosh_* modules import whoosh: everything else goes through app.search.index.
"""
import html
import logging
import shutil
import threading
from pathlib import Path

import numpy as np
from whoosh.query import Every

from app.search.results import Hit, Results, shorten
from app.search.whoosh_files import DamagedIndex, IndexFolder, closing_on_failure
from app.search.whoosh_phrases import SOURCES as NGRAM_SOURCES, ngram_field
from app.search.whoosh_arrays import SearcherArrays, match_starts, to_set
from app.search.whoosh_query import fuzzy_query, is_null, make_parser, make_schema, parse
from app.search.whoosh_score import PageScorer
from app.search.whoosh_snippets import Snippets

log = logging.getLogger(__name__)


def _to_whoosh(doc: dict, schema) -> dict:
    """The fields of `doc` for Whoosh. An index built before the keywords field (`schema` of the
    live generation) gets them in the text, and no true fingerprint: check-index reports the entry
    stale until `reindex` builds a generation with the current schema. An index built before the
    n-gram fields (whoosh_phrases) gets none: its phrases go through Whoosh's Phrase, with the
    same answers, until `reindex`."""
    text, keywords, stamp = doc["text"], doc.get("keywords", ""), doc["fingerprint"]
    if "keywords" not in schema:
        text, keywords = "\n".join(part for part in (text, keywords) if part), None
        stamp = "outdated-schema"
    fields_ = {
        "key": doc["key"], "type": doc["type"], "id": doc["id"], "title": doc["title"],
        "text": text, "keywords": keywords, "body": doc["body"], "year": doc["year"],
        "action_line": doc["action_line"], "state": doc["state"], "date": doc["date"],
        "url": doc["url"], "principals": " ".join(doc["principals"]),
        "parents": " ".join(doc["parents"]), "fingerprint": stamp,
    }
    if keywords is None:
        del fields_["keywords"]
    for source in NGRAM_SOURCES:
        if ngram_field(source) in schema and fields_.get(source):
            fields_[ngram_field(source)] = fields_[source]
    return fields_


class WhooshBackend:
    def __init__(self, path: str, writer_timeout: float = 10.0):
        self.root = Path(path)
        self.folder = IndexFolder(self.root)
        self.writer_timeout = writer_timeout
        self._lock = threading.RLock()
        self._searcher = None
        self._searcher_gen = None
        self._ix = None
        self._ix_generation = None
        #: per searcher: its arrays (whoosh_arrays: permission masks, facet codes, date order) and
        #: the page scorer (whoosh_score)
        self._scorer: PageScorer | None = None
        schema = make_schema()
        self.parser = make_parser(schema)
        self.snippets = Snippets(schema["text"].analyzer)

    # --- the folder: generations and the writers' lock (whoosh_files) ------------------------

    def _current_name(self) -> str | None:
        return self.folder.current_name()

    def open(self, create: bool = True):
        """The live index (created empty on first use)."""
        return self.folder.open(create)

    def exists(self) -> bool:
        """Whether there is an index; DamagedIndex when CURRENT is there but unusable."""
        return self.folder.current_name() is not None

    def writer_lock(self, timeout: float):
        return self.folder.writer_lock(timeout)

    # --- writing (the caller holds the writer lock) -------------------------------------------

    def apply(self, docs: list[dict], delete_keys: list[str], delete_parents: list[str]) -> None:
        ix = self.open()
        with closing_on_failure(ix.storage):
            writer = ix.writer(timeout=self.writer_timeout, delay=0.05)
            try:
                for key in delete_keys:
                    writer.delete_by_term("key", key)
                for parent in delete_parents:
                    writer.delete_by_term("parents", parent)
                for doc in docs:
                    writer.update_document(**_to_whoosh(doc, ix.schema))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
        ix.close()

    def rebuild(self, docs) -> int:
        """Build a new generation from `docs`, swap it in, remove the old ones. Searches use the
        old generation until the swap."""
        try:
            old = self._current_name()
        except DamagedIndex:
            old = None  # rebuilding is the repair: every other generation goes
        name, ix = self.folder.new_generation()
        writer = ix.writer(limitmb=128)
        count = 0
        try:
            for doc in docs:
                writer.add_document(**_to_whoosh(doc, ix.schema))
                count += 1
        except BaseException:
            writer.cancel()
            ix.close()
            shutil.rmtree(self.root / name, ignore_errors=True)
            raise
        writer.commit()
        ix.close()
        self.folder.set_current(name)
        # Keep the previous generation (another worker may still be reading it until its next
        # search notices the swap); remove the ones before it.
        for child in self.root.iterdir():
            if child.is_dir() and child.name.startswith("gen-") and child.name not in (name, old):
                shutil.rmtree(child, ignore_errors=True)
        return count

    def stored(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """key -> (fingerprint, sorted principals) of everything in the live index."""
        ix = self.open(create=False)
        if ix is None:
            return {}
        with closing_on_failure(ix.storage), ix.searcher() as searcher:
            result = {fields_["key"]: (fields_.get("fingerprint", ""),
                                       tuple(sorted(fields_.get("principals", "").split())))
                      for fields_ in searcher.all_stored_fields()}
        ix.close()
        return result

    # --- searching -----------------------------------------------------------------------------

    def _get_searcher(self):
        """One searcher per process, reopened when the index changed or a reindex swapped it.

        Not `searcher.refresh()`: it reuses the old segment readers, which keep the old set of
        deleted documents, so an updated entry would show twice (once with its old principals).
        """
        name = self._current_name()
        if self._searcher is not None and self._searcher_gen == name:
            if self._ix.latest_generation() == self._ix_generation:
                return self._searcher
        self.close()
        ix = self.open(create=False)
        if ix is None:
            return None
        with closing_on_failure(ix.storage):
            searcher = ix.searcher()
        self._ix = ix
        self._ix_generation = ix.latest_generation()
        self._searcher = searcher
        self._searcher_gen = name
        return self._searcher

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            self._searcher_gen = None
            self._scorer = None

    def search(self, text: str, principals: set[str], filters: dict, page: int, pagelen: int,
               sort: str) -> Results:
        with self._lock:
            searcher = self._get_searcher()
            if searcher is None:
                return Results.empty(page, pagelen)
            arrays = self._arrays(searcher)[0]
            allowed = arrays.allowed(frozenset(principals))
            if not allowed.any():
                return Results.empty(page, pagelen)
            filtered = arrays.facet_mask(filters)
            if text:
                query = parse(self.parser, text)
            else:
                query = Every()
                if sort == "relevance":
                    sort = "date"
            fuzzy = False
            results = self._run(searcher, query, allowed, filtered, page, pagelen, sort)
            if text and results.total == 0:
                typo_query = fuzzy_query(text)
                if not is_null(typo_query):
                    results = self._run(searcher, typo_query, allowed, filtered, page, pagelen, sort)
                    fuzzy = True
            results.fuzzy = fuzzy and results.total > 0
            return results

    def _arrays(self, searcher) -> tuple[SearcherArrays, PageScorer]:
        """The searcher's arrays (permission masks, facet codes, date order) and page scorer,
        built once per searcher."""
        if self._scorer is None or self._scorer.searcher is not searcher:
            self._scorer = PageScorer(SearcherArrays(searcher))
        return self._scorer.arrays, self._scorer

    def _run(self, searcher, query, allowed, filtered, page, pagelen, sort) -> Results:
        if is_null(query):
            return Results.empty(page, pagelen)
        arrays, scorer = self._arrays(searcher)
        docset = allowed
        if filtered is not None:
            docset = allowed & filtered
            if not docset.any():
                return Results.empty(page, pagelen)
        newest_first = None
        if sort == "date":
            newest_first = True
        elif sort == "date_asc":
            newest_first = False
        scores = None
        try:
            if isinstance(query, Every):
                matched = docset  # allowed documents are never deleted ones
            elif newest_first is None and scorer.can_score(query):
                # every match with its score, the postings read once (deleted documents, among
                # the scores, are not in docset); only the shown page is ranked, below
                found, scores = scorer.scores(query)
                matched = docset & found
            else:
                matched = docset & arrays.mask(query)
        except Exception:
            log.exception("search failed for %r", query)
            return Results.empty(page, pagelen)
        total = int(np.count_nonzero(matched))
        pages = max(1, -(-total // pagelen))
        page = min(max(1, page), pages)
        counts = arrays.facet_counts(matched)
        if not total:
            return Results(0, [], counts, page, pagelen)
        try:
            if newest_first is not None:
                ranked = [(docnum, 0.0) for docnum in arrays.by_date(matched, page * pagelen, newest_first)]
            elif scores is not None:
                ranked = scorer.top(scores, matched, page * pagelen)
            else:
                # a phrase on an index without n-grams, scored by Whoosh over the matches
                hits = searcher.search(query, limit=None, filter=to_set(matched))
                ranked = [(hit.docnum, hit.score) for hit in hits[:page * pagelen]]
        except Exception:
            log.exception("search failed for %r", query)
            return Results.empty(page, pagelen)
        # nothing to mark when browsing by facets
        words = None if isinstance(query, Every) else self.snippets.words(query, searcher)
        shown = ranked[(page - 1) * pagelen: page * pagelen]
        matches = match_starts(searcher, "text", words, [docnum for docnum, _score in shown]) if words else None
        hits = []
        for docnum, score in shown:
            hit = searcher.stored_fields(docnum)
            text = hit.get("text", "")
            found = None if matches is None else matches[docnum]
            snippet = (words and found != [] and self.snippets.highlight(text, words, found)) or html.escape(shorten(text))
            title_html = html.escape(hit["title"])
            hits.append(Hit(
                type=hit["type"], id=hit["id"], title=hit["title"], url=hit.get("url", ""),
                snippet=snippet, title_html=title_html, body=hit.get("body", ""), year=hit.get("year", ""),
                action_line=hit.get("action_line", ""), state=hit.get("state", ""), date=hit.get("date"),
                score=score or 0.0,
            ))
        return Results(total, hits, counts, page, pagelen)

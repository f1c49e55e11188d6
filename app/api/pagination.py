"""Pages of the API's lists: `page` and `per_page` in, one slice of the list out as a JSON array,
and the paging in headers (`X-Total-Count`, `X-Page`, `X-Per-Page`, an RFC 8288 `Link`), so that the
body stays the array the lists always answered."""
from math import ceil
from typing import Callable
from urllib.parse import urlencode

from flask import jsonify, request

from app.core.errors import Invalid
from app.core.input import parse_int

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
#: far beyond any list, but small enough to stay an exact whole number through parse_int's float
MAX_PAGE = 1_000_000_000


def each(shape: Callable) -> Callable[[list], list]:
    """A page's shape from the shape of one item."""
    return lambda page: [shape(item) for item in page]


def paginated(items: list, shape_page: Callable[[list], list]):
    """The response for the requested page of `items` (what the caller may read, in list order).

    `shape_page` turns the page's items into JSON, so that only they are shaped (and their extra
    look-ups made). A page past the end is an empty array with the same headers.
    """
    page = _argument("page", 1, MAX_PAGE) or 1
    per_page = _argument("per_page", 1, MAX_PER_PAGE) or DEFAULT_PER_PAGE
    start = (page - 1) * per_page
    response = jsonify(shape_page(items[start:start + per_page]))
    last = max(1, ceil(len(items) / per_page))
    response.headers["X-Total-Count"] = str(len(items))
    response.headers["X-Page"] = str(page)
    response.headers["X-Per-Page"] = str(per_page)
    response.headers["Link"] = _links(page, per_page, last)
    return response


def _argument(name: str, low: int, high: int) -> int | None:
    """A whole-number query argument from `low` to `high`; None when absent or empty."""
    try:
        return parse_int(request.args.get(name), name, low, high)
    except Invalid as error:
        raise Invalid(error.message, detail={"parameter": name, "value": request.args.get(name)})


def _links(page: int, per_page: int, last: int) -> str:
    """first, prev, next and last, each the same URL and filters with another page.

    prev from a page past the end is the last page, so that every link leads to a page that holds
    something (or to the only, empty page of an empty list).
    """
    pages = {"first": 1}
    if page > 1:
        pages["prev"] = min(page - 1, last)
    if page < last:
        pages["next"] = page + 1
    pages["last"] = last
    return ", ".join(f'<{_page_url(number, per_page)}>; rel="{rel}"' for rel, number in pages.items())


def _page_url(page: int, per_page: int) -> str:
    kept = [(key, value) for key, value in request.args.items(multi=True) if key not in ("page", "per_page")]
    return f"{request.base_url}?{urlencode(kept + [('page', page), ('per_page', per_page)])}"

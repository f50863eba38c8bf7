"""One way to page a list that grows with the organisation: 50 rows a page, the page number and
the search and filters in the query string (links work without JavaScript), a page object the
page-links macro reads (templates/organisations/_lists.html `page_nav`). Several lists on one
page each keep their own page argument."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

PER_PAGE = 50


def like(text: str) -> str:
    """A LIKE pattern for `text` anywhere in a lowercased column (escape with "\\")."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class ListQuery:
    """What the page links read (`page`, `args(page=)`) for one list: its page, the pages of the
    other lists on the page, and the search and filters (`kept`), so that turning one list's
    page keeps everything else where it was."""

    param: str
    page: int
    pages: tuple[tuple[str, int], ...] = ()
    kept: tuple[tuple[str, str], ...] = ()

    @property
    def offset(self) -> int:
        return (self.page - 1) * PER_PAGE

    def get(self, name: str) -> str:
        return dict(self.kept).get(name, "")

    def args(self, page: int) -> dict:
        pages = {**dict(self.pages), self.param: page}
        values: dict = {k: v for k, v in self.kept if v}
        values.update({k: v for k, v in pages.items() if v > 1})
        return values


def list_queries(
    args: Mapping, *params: str, keep: Mapping[str, Collection[str] | None] | None = None
) -> dict[str, ListQuery]:
    """The queries of the lists named by their page arguments (`params`). `keep`: the search and
    filter arguments, each with its allowed values (None: free text, such as `q`); anything
    unknown falls back to empty."""
    pages = {}
    for param in params:
        try:
            pages[param] = max(1, int(args.get(param, 1)))
        except (TypeError, ValueError):
            pages[param] = 1
    kept = []
    for name, allowed in (keep or {}).items():
        value = " ".join(str(args.get(name, "")).split())[:100]
        kept.append((name, value if allowed is None or value in allowed else ""))
    frozen_pages, frozen_kept = tuple(pages.items()), tuple(kept)
    return {p: ListQuery(p, n, frozen_pages, frozen_kept) for p, n in pages.items()}


@dataclass
class Page:
    rows: list
    total: int
    query: object  # ListQuery, or member_list.Query: anything with `page` and `args(page=)`
    pages: int = field(init=False)

    def __post_init__(self):
        self.pages = max(1, -(-self.total // PER_PAGE))

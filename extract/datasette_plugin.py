"""The Datasette plugin behind ``vnextract serve`` (registered by ``extract.serve``).

- ``asgi_wrapper``: any request other than GET, HEAD or OPTIONS is answered
  405 before Datasette sees it: nothing is ever posted to the server.
- ``prepare_connection``: SQL functions for the canned queries (``vn_fold``,
  ``vn_fts``, ``vn_snippet``, ``vn_context``), and on the store's connections
  ``PRAGMA query_only`` plus an authorizer that refuses every write, schema
  change, ATTACH and setting pragma, on top of the file being opened ``mode=ro``.
- ``filters_from_request``: the search box of the ``articles`` table, matched
  against the folded index (``đ`` → ``d``) the way ``vnextract search`` does.
- ``render_cell``: article ids link to the rendered article (at the span of the
  row when the row is one), and the article text cell shows an excerpt.
- ``register_routes``: ``/-/render/<article id>``, the article with its
  entities highlighted (``extract.render``).
"""
from __future__ import annotations

import sqlite3
import unicodedata
from urllib.parse import quote, unquote

import markupsafe
from datasette import hookimpl
from datasette.filters import FilterArguments
from datasette.utils import tilde_encode
from datasette.utils.asgi import Response

from extract.normalise import fold_search
from extract.render import ArticleNotFound, article_html, mention_anchor, read_article
from extract.search import _match_offsets, fts_query, snippet

DATABASE = "vnextract"
RENDER_PATH = "/-/render/"
EXCERPT_CHARS = 160

# what each table's rows point at in the article, for links to the span
_ROW_LABEL = {"people": "PERSON", "documents": "DOC", "percents": "PERCENT"}

_WRITE_ACTIONS = {
    getattr(sqlite3, name) for name in dir(sqlite3)
    if name.startswith(("SQLITE_CREATE_", "SQLITE_DROP_")) or name in (
        "SQLITE_INSERT", "SQLITE_UPDATE", "SQLITE_DELETE", "SQLITE_ALTER_TABLE", "SQLITE_ATTACH",
        "SQLITE_DETACH", "SQLITE_REINDEX", "SQLITE_ANALYZE")
}
# pragmas that take an argument and only read (Datasette calls them to learn the schema)
_READ_PRAGMAS = {"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo", "foreign_key_list"}


def vn_fold(text: str | None) -> str | None:
    """Loose comparison key: lower case, no diacritics, ``đ`` → ``d``."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", fold_search(str(text)))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def vn_fts(words: str | None) -> str:
    """A safe FTS5 expression for ``words`` (``extract.search.fts_query``); matches nothing when empty."""
    return fts_query(words or "") or '""'


def vn_snippet(text: str | None, highlighted: str | None) -> str | None:
    """The original text around the matches that ``highlight(articles_fts, 2, char(2), char(3))`` marked."""
    if text is None or highlighted is None:
        return None
    return snippet(text, _match_offsets(highlighted))


def vn_context(text: str | None, start: int | None, end: int | None, width: int = 80) -> str | None:
    """The text around ``text[start:end]``, the span in brackets."""
    if text is None or start is None or end is None:
        return None
    return snippet(text, [(int(start), int(end))], width=width)


def deny_writes(action, arg1, arg2, dbname, source):
    """SQLite authorizer: reads only (no write, schema change, ATTACH or pragma that sets).

    One exception: opening a virtual table (FTS5) makes SQLite itself check an
    UPDATE of ``sqlite_master``; a statement cannot do that without
    ``writable_schema``, a setting pragma, which is denied.
    """
    if action == sqlite3.SQLITE_UPDATE and arg1 in ("sqlite_master", "sqlite_schema"):
        return sqlite3.SQLITE_OK
    if action in _WRITE_ACTIONS:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_PRAGMA and arg2 is not None and (arg1 or "").lower() not in _READ_PRAGMAS:
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


READ_METHODS = {"GET", "HEAD", "OPTIONS"}


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope["method"] not in READ_METHODS:
                await Response.text("vnextract serve is read-only: only GET requests are answered.\n",
                                    status=405, headers={"Allow": "GET, HEAD"}).asgi_send(send)
                return
            await app(scope, receive, send)
        return read_only
    return wrap


@hookimpl
def prepare_connection(conn, database, datasette):
    conn.create_function("vn_fold", 1, vn_fold, deterministic=True)
    conn.create_function("vn_fts", 1, vn_fts, deterministic=True)
    conn.create_function("vn_snippet", 2, vn_snippet, deterministic=True)
    conn.create_function("vn_context", 3, vn_context, deterministic=True)
    if database == DATABASE:
        conn.execute("PRAGMA query_only = ON")
        conn.set_authorizer(deny_writes)


@hookimpl(trylast=True)
def filters_from_request(request, database, table, datasette):
    """``?_search=`` on ``articles``: the words as a phrase or all of them, diacritics optional.

    Runs last so that its ``supports_search`` wins over Datasette's own search
    filter, which cannot use ``articles_fts`` (its rowids are not the articles').
    """
    if database != DATABASE or table != "articles":
        return None
    words = request.args.get("_search", "").strip()
    extra = {"supports_search": True, "search": words}
    if not words:
        return FilterArguments([], extra_context=extra)
    return FilterArguments(
        ["id IN (SELECT id FROM articles_fts WHERE articles_fts MATCH :vn_search)"],
        {"vn_search": vn_fts(words)},
        [f'text matches "{words}"'],
        extra,
    )


def render_url(datasette, article_id: str, anchor: str | None = None) -> str:
    url = datasette.urls.path(RENDER_PATH + quote(str(article_id), safe=""))
    return f"{url}#{quote(anchor, safe='')}" if anchor else url


def _row_anchor(row, table: str | None) -> str | None:
    keys = row.keys()
    if "start" not in keys or "end" not in keys or row["start"] is None:
        return None
    label = row["label"] if table == "mentions" else _ROW_LABEL.get(table)
    return mention_anchor(row["start"], row["end"], label) if label else None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if database != DATABASE:
        return None
    if table == "articles" and column == "text" and isinstance(value, str):
        excerpt = value[:EXCERPT_CHARS].replace("\n", " ") + ("…" if len(value) > EXCERPT_CHARS else "")
        return markupsafe.Markup('<a class="vn-read" href="{}">▸ read with entities highlighted</a><br>{}').format(
            render_url(datasette, row["id"]), excerpt)
    if column == "article_id" and value is not None:
        article_id = value["value"] if isinstance(value, dict) else value
        row_url = datasette.urls.row(DATABASE, "articles", tilde_encode(str(article_id)))
        return markupsafe.Markup('<a href="{}">{}</a> <a class="vn-read" href="{}">read ▸</a>').format(
            row_url, article_id, render_url(datasette, article_id, _row_anchor(row, table)))
    return None


async def render_page(datasette, request):
    article_id = unquote(request.url_vars["article_id"])
    db = datasette.get_database(DATABASE)
    try:
        view = await db.execute_fn(lambda conn: read_article(conn, article_id))
    except ArticleNotFound:
        return Response.html(f"<!DOCTYPE html><title>Not found</title><p>No article {markupsafe.escape(article_id)!s} "
                             f'in the store. <a href="{datasette.urls.table(DATABASE, "articles")}">All articles</a></p>',
                             status=404)
    links = [
        ("vnextract", datasette.urls.database(DATABASE)),
        ("all articles", datasette.urls.table(DATABASE, "articles")),
        ("this article's row", datasette.urls.row(DATABASE, "articles", tilde_encode(article_id))),
        ("its mentions", datasette.urls.table(DATABASE, "mentions") + "?article_id=" + quote(article_id, safe="")),
    ]
    return Response.html(article_html(view, links))


@hookimpl
def register_routes():
    return [(r"^" + RENDER_PATH + r"(?P<article_id>[^/?#]+)$", render_page)]

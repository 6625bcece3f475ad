"""vnextract: information extraction for Vietnamese press articles.

The verbs, one per stage (imported lazily, so ``import extract`` stays cheap):

>>> from extract import Pipeline, read_articles, ingest_paths, connect_readonly, read_table
>>> pipeline = Pipeline()                                   # doctest: +SKIP
>>> [r.to_gold("a")["people"] for r in pipeline.pipe(["Thiếu tướng Hồ Văn Thái ..."])]  # doctest: +SKIP
"""
from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "normalise_text": "extract.normalise",
    "read_articles": "extract.ingest",
    "ingest_paths": "extract.ingest",
    "Pipeline": "extract.pipeline",
    "Extraction": "extract.pipeline",
    "connect": "extract.store",
    "connect_readonly": "extract.store",
    "search": "extract.search",
    "read_table": "extract.export",
    "read_query": "extract.export",
    "export_tables": "extract.export",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'extract' has no attribute {name!r}")

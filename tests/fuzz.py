"""Coverage-guided fuzzing (atheris, libFuzzer) of the ingest and extraction entry points.

    python -m tests.fuzz --seconds 600          # what `make fuzz` runs: both targets, half the time each

Targets (each run in its own process, its code instrumented for coverage):

* ``read``: arbitrary bytes as a ``.txt``, ``.html``, ``.jsonl``, ``.json`` or
  ``.gz`` file (the first byte picks which) through ``articles_from_bytes``.
  Every item must be an ``Article`` whose text is non-empty NFC, valid UTF-8
  and within the size limit, and which the store can write, or an
  ``InputError`` of one line.  Any other exception is a finding.
* ``extract``: arbitrary bytes as UTF-8 text (broken sequences replaced),
  NFC, through ``Pipeline.extract`` and ``store.write_article``: the
  invariants of ``tests/test_properties.py`` (spans within the text and
  indexing it exactly, guideline labels, no same-label overlap, records
  pointing at their text) and the stored text read back unchanged.

libFuzzer stops a run on the first finding and saves the input under
``build/fuzz/findings/``; an input taking over ``--input-timeout`` seconds or a
process over ``--rss-mb`` counts as a finding too (time and memory must not run
away).  The corpus grows under ``build/fuzz/corpus-<target>/`` from the seed
articles, and a dictionary of lexicon words, syllables and document numbers
guides the mutations towards Vietnamese press text.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "fuzz"
SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".txt.gz", ".jsonl.gz", ".html.gz", ".md"]
TARGETS = ("read", "extract")


# --------------------------------------------------------------------------- the targets (in the fuzzed process)


def _store():
    from extract import store

    return store.connect(":memory:")


def read_one(data: bytes, conn) -> int:
    """``data`` read as a file of the suffix its first byte picks; returns the articles read."""
    from extract.ingest import MAX_ARTICLE_CHARS, Article, InputError, articles_from_bytes
    from extract.pipeline import Extraction
    from extract import store

    if not data:
        return 0
    suffix = SUFFIXES[data[0] % len(SUFFIXES)]
    name = f"fuzz{suffix}"
    stem = name[:-3] if suffix.endswith(".gz") else "fuzz"
    outer = ".gz" if suffix.endswith(".gz") else suffix
    articles = 0
    for item in articles_from_bytes(data[1:], name, outer, stem):
        if isinstance(item, InputError):
            assert isinstance(item.reason, str) and item.reason and "\n" not in str(item), item
            continue
        assert isinstance(item, Article), item
        text = item.text
        assert text.strip() and len(text) <= MAX_ARTICLE_CHARS
        assert unicodedata.is_normalized("NFC", text)
        for value in (text, item.id, item.source, item.title, item.url, item.date):
            if value is not None:
                value.encode("utf-8")  # no lone surrogate: SQLite could not store it
        store.write_article(conn, item, Extraction(text=text, mentions=[], body_end=len(text)))
        articles += 1
    return articles


_PIPELINE = None


def extract_one(data: bytes, conn) -> None:
    """``data`` as text through the pipeline and the store."""
    from extract import store
    from extract.ingest import Article
    from extract.normalise import normalise_text
    from tests.test_properties import check_extraction

    global _PIPELINE
    if _PIPELINE is None:
        from extract.pipeline import Pipeline

        _PIPELINE = Pipeline()
    text = normalise_text(data.decode("utf-8", "replace"))
    if not text.strip():
        return
    result = _PIPELINE.extract(text)
    check_extraction(text, result)
    article = Article(id="fuzz", text=text, source="fuzz")
    store.write_article(conn, article, result)
    stored_text, = conn.execute("SELECT text FROM articles WHERE id = 'fuzz'").fetchone()
    assert stored_text == text
    for label, start, end, mention in conn.execute('SELECT label, start, "end", text FROM mentions'):
        assert stored_text[start:end] == mention, (label, start, end)
    store.delete_article(conn, "fuzz")


def run_target(target: str, libfuzzer_args: list[str]) -> None:
    import atheris

    with atheris.instrument_imports(include=["extract"]):
        import extract.decode  # noqa: F401
        import extract.flatten  # noqa: F401
        import extract.ingest  # noqa: F401
        import extract.pipeline  # noqa: F401
        import extract.store  # noqa: F401
        import extract.tokenize  # noqa: F401
        import extract.extractors.people_spans  # noqa: F401
        import extract.extractors.document  # noqa: F401
        import extract.extractors.date  # noqa: F401
        import extract.extractors.percent  # noqa: F401
    conn = _store()
    one = read_one if target == "read" else extract_one

    def test_one_input(data: bytes) -> None:
        one(data, conn)

    atheris.Setup([sys.argv[0], *libfuzzer_args], test_one_input)
    atheris.Fuzz()


# --------------------------------------------------------------------------- seeds and dictionary


def _cp1258(text: str) -> bytes:
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in tones)) + "".join(c for c in d if c in tones))
    return "".join(out).encode("cp1258", "replace")


def write_seeds(target: str, folder: Path) -> None:
    """A few real inputs of every kind to start from (the seed articles of corpus/raw)."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "corpus" / "raw").glob("*.txt"))]
    short = [s[:1500] for s in seeds]
    if target == "extract":
        for i, text in enumerate(short):
            (folder / f"seed-{i}").write_bytes(text.encode("utf-8"))
        (folder / "numbers").write_bytes("Nghị quyết số 21-NQ/TW ngày 16-6-2022; đạt 1.359/1.417 = 95,91% (tăng 0,14%).".encode())
        return

    def seed(suffix: str, data: bytes) -> None:
        (folder / f"seed{len(list(folder.iterdir())):02d}").write_bytes(bytes([SUFFIXES.index(suffix)]) + data)

    for text in short:
        seed(".txt", text.encode("utf-8"))
        seed(".txt", text.encode("utf-16"))
        seed(".txt", _cp1258(text))
        paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n") if p.strip())
        seed(".html", f"<html><head><title>T</title></head><body><article>{paragraphs}</article></body></html>".encode())
        lines = [json.dumps({"id": "a", "text": text, "date": "2023-02-10"}, ensure_ascii=False),
                 json.dumps({"id": "b", "html": f"<p>{text[:300]}</p>", "title": "T"})]
        seed(".jsonl", "\n".join(lines).encode("utf-8"))
        seed(".json", json.dumps([{"id": "c", "text": text[:400]}]).encode())
        seed(".txt.gz", gzip.compress(text.encode("utf-8"), mtime=0))
        seed(".jsonl.gz", gzip.compress(lines[0].encode("utf-8"), mtime=0))


def write_dictionary(path: Path) -> None:
    """libFuzzer tokens: lexicon entries, syllables, numbers, markup and JSON pieces."""
    words = set()
    for tsv in (ROOT / "extract" / "data" / "lexicons").glob("*.tsv"):
        for line in tsv.read_text("utf-8").splitlines()[1:80]:
            first = line.split("\t")[0].strip()
            if first and not first.startswith("#"):
                words.add(first)
    for text in (ROOT / "corpus" / "raw").glob("*.txt"):
        words.update(re.findall(r"\w+", text.read_text("utf-8"))[:300])
    words.update(["21-NQ/TW", "/NĐ-CP", "-CT/TW", "95,91%", "%", "1.359/1.417", "ngày 16-6-2022", "năm 2023",
                  "<div>", "</div>", "<p>", "<script>", "<!--", "&amp;", "&#", '{"id": "', '", "text": "', '"}',
                  "\\ud800", "\\u0000", "\u0301", "\u0323", "\u202e", "\u2028", "\ufeff"])
    entries = []
    for w in sorted(words):
        escaped = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "".join(f"\\x{b:02x}" for b in c.encode())
                          for c in w)
        entries.append(f'"{escaped}"')
    path.write_text("\n".join(entries) + "\n", "ascii")


# --------------------------------------------------------------------------- the driver


_STATS = re.compile(r"#(\d+)\s+DONE\s+cov: (\d+).*?exec/s: (\d+) rss: (\d+)Mb")


def fuzz(target: str, seconds: int, input_timeout: int, rss_mb: int, max_len: int) -> dict:
    corpus = WORK / f"corpus-{target}"
    seeds = WORK / f"seeds-{target}"
    findings = WORK / "findings"
    findings.mkdir(parents=True, exist_ok=True)
    corpus.mkdir(parents=True, exist_ok=True)
    write_seeds(target, seeds)
    dictionary = WORK / "vietnamese.dict"
    write_dictionary(dictionary)
    args = [f"-max_total_time={seconds}", f"-timeout={input_timeout}", f"-rss_limit_mb={rss_mb}",
            f"-max_len={max_len}", f"-dict={dictionary}", f"-artifact_prefix={findings}/{target}-",
            "-print_final_stats=1", str(corpus), str(seeds)]
    began = time.monotonic()
    log_path = WORK / f"{target}.log"
    with log_path.open("w") as log:
        done = subprocess.run([sys.executable, "-m", "tests.fuzz", "--target", target, "--", *args],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    log_text = log_path.read_text("utf-8", "replace")
    stats = _STATS.findall(log_text)
    runs, cov, rate, rss = map(int, stats[-1]) if stats else (0, 0, 0, 0)
    peak = max([int(m) for m in re.findall(r"rss: (\d+)Mb", log_text)] or [0])
    return {"target": target, "exit": done.returncode, "inputs": runs, "seconds": round(time.monotonic() - began),
            "coverage": cov, "exec_per_s": rate, "peak_rss_mb": peak,
            "corpus": len(list(corpus.iterdir())), "finding": done.returncode != 0, "log": str(log_path)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600, help="total time, shared by the targets")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--input-timeout", type=int, default=30, help="seconds one input may take")
    parser.add_argument("--rss-mb", type=int, default=2048, help="memory one fuzzing process may use")
    parser.add_argument("--target", help=argparse.SUPPRESS)  # inside the fuzzed process
    args, rest = parser.parse_known_args(argv)
    if args.target:
        run_target(args.target, [a for a in rest if a != "--"])
        return 0
    targets = [t for t in args.targets.split(",") if t]
    results = []
    for target in targets:
        max_len = 65_536 if target == "read" else 8_192
        result = fuzz(target, args.seconds // len(targets), args.input_timeout, args.rss_mb, max_len)
        results.append(result)
        print(json.dumps(result), flush=True)
    found = [r for r in results if r["finding"]]
    for r in found:
        print(f"finding in {r['target']}: see {r['log']} and {WORK / 'findings'}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

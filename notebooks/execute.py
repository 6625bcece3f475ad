"""Run notebooks/analyst.ipynb top to bottom on a store and save its plots (nbclient).

    python notebooks/execute.py --db build/figures/vnextract.db --figures docs/img [--output executed.ipynb]

The committed notebook keeps no outputs; ``--output`` writes the executed copy
(tables and plots included) elsewhere.  Exits 1, naming the cell, when a cell fails.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "analyst.ipynb"
CELL_TIMEOUT_S = 300


def execute(db: Path, figures: Path | None = None, notebook: Path = NOTEBOOK) -> nbformat.NotebookNode:
    """The notebook executed in a fresh kernel with VNEXTRACT_DB (and VNEXTRACT_FIGURES) set."""
    nb = nbformat.read(notebook, as_version=4)
    env = dict(os.environ, VNEXTRACT_DB=str(Path(db).resolve()), MPLBACKEND="module://matplotlib_inline.backend_inline")
    env.pop("VNEXTRACT_FIGURES", None)
    if figures is not None:
        env["VNEXTRACT_FIGURES"] = str(Path(figures).resolve())
    with tempfile.TemporaryDirectory() as sockets:  # the kernel talks over local sockets (ipc), not TCP ports
        kernel = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(sockets) / "kernel"))
        client = NotebookClient(nb, km=kernel, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                                resources={"metadata": {"path": str(ROOT)}})
        try:
            client.execute(env=env)
        finally:
            if kernel.has_kernel:  # a kernel manager passed in is not shut down by nbclient
                kernel.shutdown_kernel(now=False)
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "vnextract.db", help="the store to read")
    parser.add_argument("--figures", type=Path, help="folder to save the plots in, as PNG")
    parser.add_argument("--output", type=Path, help="where to write the executed notebook")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"execute.py: error: {args.db}: no store here; run `vnextract ingest` first", file=sys.stderr)
        return 2
    try:
        nb = execute(args.db, args.figures)
    except CellExecutionError as exc:
        print(f"execute.py: error: {NOTEBOOK.name}: a cell failed:\n{exc}", file=sys.stderr)
        return 1
    if args.output:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, args.output)
    if args.figures:
        for png in sorted(args.figures.glob("*.png")):
            print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())

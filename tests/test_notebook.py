"""notebooks/analyst.ipynb runs top to bottom on a store built from the bundled corpus, and draws its plots."""
import sqlite3
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT

EXECUTE = ROOT / "notebooks" / "execute.py"
FIGURES = ["cited_documents.png", "people_ranks_positions.png", "percent_changes.png"]


@pytest.fixture(scope="module")
def executed(seed_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("notebook")
    done = subprocess.run([sys.executable, str(EXECUTE), "--db", str(seed_store), "--figures", str(out / "img"),
                           "--output", str(out / "analyst.ipynb")], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return nbformat.read(out / "analyst.ipynb", as_version=4), out / "img", done


def outputs(nb) -> list[str]:
    """The plain-text result of every code cell, in order."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            texts.append("\n".join(o.get("data", {}).get("text/plain", "") + o.get("text", "") for o in cell.outputs))
    return texts


def test_every_cell_ran_without_error(executed):
    nb, _, _ = executed
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)
    assert not [o for c in code for o in c.outputs if o.output_type == "error"]
    assert sum(o.output_type == "display_data" and "image/png" in o.get("data", {}) for c in code
               for o in c.outputs) == 3


def test_the_three_answers_are_in_the_outputs(executed):
    text = "\n".join(outputs(executed[0]))
    # 1. cited documents with their issuer and year of issue
    assert "21-NQ/TW" in text and "Ban Chấp hành Trung ương Đảng" in text and "2022" in text
    # 2. ranks and offices of the people quoted
    assert "Thiếu tướng" in text and "Hồ Văn Thái" in text and "Chính ủy Quân khu 9" in text
    # 3. levels and their changes, with the level a year before
    assert "95,91% (tăng 0,14%)" in text and "95.77" in text
    assert "16,37% (giảm 0,34%)" in text and "16.71" in text


def test_the_plots_are_saved_as_png(executed):
    _, img, done = executed
    assert sorted(p.name for p in img.iterdir()) == FIGURES
    for name in FIGURES:
        data = (img / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, name
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width > 600 and height > 250, (name, width, height)
    assert done.stdout.splitlines() == [str(img / name) for name in FIGURES]


def test_the_committed_notebook_has_no_outputs():
    nb = nbformat.read(ROOT / "notebooks" / "analyst.ipynb", as_version=4)
    assert all(not c.outputs and c.execution_count is None for c in nb.cells if c.cell_type == "code")


def test_a_store_the_notebook_cannot_read_fails_naming_the_notebook(tmp_path):
    broken = tmp_path / "empty.db"
    sqlite3.connect(broken).execute("CREATE TABLE unrelated (x)").connection.close()
    done = subprocess.run([sys.executable, str(EXECUTE), "--db", str(broken)], capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 1
    assert done.stderr.startswith("execute.py: error: analyst.ipynb: a cell failed")
    done = subprocess.run([sys.executable, str(EXECUTE), "--db", str(tmp_path / "none.db")], capture_output=True,
                          text=True)
    assert done.returncode == 2 and "no store here" in done.stderr
    assert not Path(tmp_path / "none.db").exists()

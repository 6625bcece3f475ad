"""The Python API the CLI is a thin layer over."""
import extract
from tests.conftest import RAW


def test_pipe_runs_many_texts_with_one_loaded_pipeline(pipeline):
    texts = [(RAW / "qk9-can-tho-2023.txt").read_text("utf-8"), "Đại tá Ngô Đức Thọ, Trưởng phòng Tổ chức, phát biểu."]
    results = list(pipeline.pipe(texts))
    assert [r.text for r in results] == texts
    assert results[1].people[0].to_gold() == {"name": "Ngô Đức Thọ", "rank": "Đại tá",
                                              "positions": ["Trưởng phòng Tổ chức"]}
    assert results[0].documents[1].ref == "21-NQ/TW"


def test_store_reads_back_as_dataframes(tmp_path):
    db = tmp_path / "s.db"
    report = extract.ingest_paths([RAW], db)
    assert (report.stored, report.unchanged, report.errors) == (2, 0, [])
    conn = extract.connect_readonly(db)
    people = extract.read_table(conn, "people")
    assert {"article_id", "name", "rank", "positions"} <= set(people.columns)
    thieu_tuong = extract.read_query(
        conn, "SELECT DISTINCT name FROM people_documents WHERE rank = ? AND ref = ?", ("Thiếu tướng", "21-NQ/TW"))
    assert list(thieu_tuong["name"]) == ["Hồ Văn Thái"]

"""DATE extractor: golden table, seeds, true negatives, linear time."""
import time

import pytest

from extract.extractors.date import find_dates

# fmt: off
CASES = [
    # id, text, year, [(span text, start, iso, iso_end)]
    ("full-dash", "Nghị quyết số 21-NQ/TW ngày 16-6-2022 của", None, [("16-6-2022", 28, "2022-06-16", None)]),
    ("full-slash", "ngày 15/3/2017 của Bộ Y tế", None, [("15/3/2017", 5, "2017-03-15", None)]),
    ("full-dots", "ngày 19.12.2016 của Bộ Chính trị", None, [("19.12.2016", 5, "2016-12-19", None)]),
    ("written", "ngày 16 tháng 6 năm 2022,", None, [("16 tháng 6 năm 2022", 5, "2022-06-16", None)]),
    ("day-month-year", "Sáng 23-5, tại Hà Nội", 2018, [("23-5", 5, "2018-05-23", None)]),
    ("day-month-no-year", "Từ 1/7, giá điện", None, [("1/7", 3, "--07-01", None)]),
    # a range of days without a year after a time cue; a cue followed by a comma
    ("day-range-no-year", "vào ngày 3 - 4/5. Họp từ ngày 30/5-7/6.", 2019,
     [("3 - 4/5", 9, "2019-05-03", "2019-05-04"), ("30/5-7/6", 30, "2019-05-30", "2019-06-07")]),
    ("cue-then-comma", "Sáng nay, 27/6, tại Hà Nội; tỷ số 3-2/5 trận.", None, [("27/6", 10, "--06-27", None)]),
    ("day-month-dots", "Trưa 13.7, tại TP.HCM", None, [("13.7", 5, "--07-13", None)]),
    ("day-month-brackets", "Trước đó (2/4), Quốc hội", None, [("2/4", 10, "--04-02", None)]),
    ("day-month-list", "các ngày 29/4, 20/5 và 24/6.", None, [("29/4", 9, "--04-29", None), ("20/5", 15, "--05-20", None), ("24/6", 23, "--06-24", None)]),
    ("two-days", "hai ngày 20 và 21/5, Bộ", None, [("21/5", 15, "--05-21", None)]),
    ("month-year", "từ tháng 6/2022 đến", None, [("tháng 6/2022", 3, "2022-06", None)]),
    ("month-nam-year", "vào tháng 6 năm 2022.", None, [("tháng 6 năm 2022", 4, "2022-06", None)]),
    ("year", "so với năm 2021).", None, [("năm 2021", 7, "2021", None)]),
    ("year-capital", "Năm 2022, Cục", None, [("Năm 2022", 0, "2022", None)]),
    ("year-list", "năm 2015, 2016 và", None, [("năm 2015", 0, "2015", None)]),
    ("period", "sơ kết 2 năm (2017-2019) thực hiện", None, [("2017-2019", 14, "2017", "2019")]),
    ("term", "nhiệm kỳ 2016 – 2021 đối với", None, [("2016 – 2021", 9, "2016", "2021")]),
    ("nam-range", "từ năm 2015-2021 và", None, [("năm 2015-2021", 3, "2015", "2021")]),
    ("day-range", "từ ngày 20 - 22/5/2018,", None, [("20 - 22/5/2018", 8, "2018-05-20", "2018-05-22")]),
    ("month-range", "trong tháng 7-8/2018.", None, [("tháng 7-8/2018", 6, "2018-07", "2018-08")]),
    ("date-range", "(3/3/1959 – 3/3/2019)", None, [("3/3/1959 – 3/3/2019", 1, "1959-03-03", "2019-03-03")]),
    # true negatives
    ("doc-number", "Thông tư 02/2017/TT-BYT và 123/QĐ-TTg", None, []),
    ("ratio", "chi ủy 1.359/1.417 = 95,91%", None, []),
    ("fraction", "đạt 2/3 số phiếu", None, []),
    ("quantity-range", "từ 3-5 năm tù", None, []),
    ("score", "Australia 2-3 Đức (2-3)", None, []),
    ("bare-year", "Luật Du lịch 2017 có hiệu lực", None, []),
    ("month-alone", "trong tháng 6 tới", None, []),
    ("quarter", "quý II/2017", None, []),
    ("range-to", "từ năm 1990 đến 2010", None, [("năm 1990", 3, "1990", None)]),
]
# fmt: on


@pytest.mark.parametrize("text,year,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_date_golden(text, year, expected):
    got = find_dates(text, year=year)
    assert [(m.text, m.start, m.attrs["iso"], m.attrs.get("iso_end")) for m in got] == expected
    assert all(m.label == "DATE" and text[m.start:m.end] == m.text for m in got)


def test_date_seeds(seeds):
    for doc in seeds.values():
        gold = [(s["start"], s["end"]) for s in doc["spans"] if s["label"] == "DATE"]
        assert [(m.start, m.end) for m in find_dates(doc["text"])] == sorted(gold), doc["id"]


@pytest.mark.parametrize("text", ["1/1/" * 100_000, "1.1." * 100_000, "1-" * 200_000, "2017-" * 80_000, "năm " * 100_000])
def test_date_long_line_is_fast(text):
    t = time.perf_counter()
    find_dates(text)
    assert time.perf_counter() - t < 1.0

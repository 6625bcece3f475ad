"""Document records: seeds exactly, and the merge/type/date/issuer rules."""
import pytest

from extract.extractors.date import find_dates
from extract.extractors.document import find_documents
from extract.link.documents import link_documents
from extract.records import Mention


def _records(text, extra=()):
    mentions = find_documents(text) + find_dates(text) + list(extra)
    return [d.to_gold() for d in link_documents(text, mentions)]


def test_documents_seeds(seeds):
    for doc in seeds.values():
        assert _records(doc["text"]) == doc["documents"], doc["id"]


# fmt: off
CASES = [
    ("date-and-issuer", "theo Chỉ thị số 28-CT/TW ngày 21-1-2019 của Ban Bí thư. Tập trung",
     [{"ref": "28-CT/TW", "type": "Chỉ thị", "date": "2019-01-21", "issuer": "Ban Bí thư"}]),
    ("issuer-stops-at-term", "Nghị quyết số 21-NQ/TW ngày 16-6-2022 của Ban Chấp hành Trung ương Đảng khóa XIII về",
     [{"ref": "21-NQ/TW", "type": "Nghị quyết", "date": "2022-06-16", "issuer": "Ban Chấp hành Trung ương Đảng"}]),
    ("party-is-no-issuer", "triển khai Nghị quyết Đại hội XIII của Đảng và",
     [{"ref": "Nghị quyết Đại hội XIII", "type": "Nghị quyết", "date": None, "issuer": None}]),
    ("short-joins-official", "theo Nghị định số 81/2015/NĐ-CP; còn Nghị định số 81 chưa",
     [{"ref": "81/2015/NĐ-CP", "type": "Nghị định", "date": None, "issuer": None}]),
    ("type-from-code", "tại Nghị định số 39-NQ/TW của Bộ Chính trị, Quyết định 2218/QĐ-TTg và Nghị định số 108/2014/NĐ-CP của Thủ tướng Chính phủ.",
     [{"ref": "39-NQ/TW", "type": "Nghị quyết", "date": None, "issuer": "Bộ Chính trị"},
      {"ref": "2218/QĐ-TTg", "type": "Quyết định", "date": None, "issuer": "Thủ tướng Chính phủ"},
      {"ref": "108/2014/NĐ-CP", "type": "Nghị định", "date": None, "issuer": "Thủ tướng Chính phủ"}]),
    ("issuer-before-verb", "Đặc biệt, Chủ tịch UBND TP.Hà Nội đã ban hành Chỉ thị số 01/CT-UBND triển khai",
     [{"ref": "01/CT-UBND", "type": "Chỉ thị", "date": None, "issuer": "Chủ tịch UBND TP.Hà Nội"}]),
    ("issuer-by-code-later", "Tại Quyết định số 288/QĐ-TTg, Thủ tướng Chính phủ phê chuẩn kết quả",
     [{"ref": "288/QĐ-TTg", "type": "Quyết định", "date": None, "issuer": "Thủ tướng Chính phủ"}]),
    ("code-alone-no-issuer", "các quy định của Nghị định số 56/2009/NĐ-CP cho phù hợp",
     [{"ref": "56/2009/NĐ-CP", "type": "Nghị định", "date": None, "issuer": None}]),
    ("law-year", "so với Luật Quốc phòng năm 2005 thì",
     [{"ref": "Luật Quốc phòng", "type": "Luật", "date": "2005", "issuer": None}]),
    ("law-abbreviation", "Quốc hội thông qua Luật Hỗ trợ Doanh nghiệp nhỏ và vừa. Theo đó, dự án Luật Hỗ trợ DNNVV gồm 4 chương",
     [{"ref": "Luật Hỗ trợ Doanh nghiệp nhỏ và vừa", "type": "Luật", "date": None, "issuer": "Quốc hội"}]),
    ("other-word-type", "tại văn bản số 4060/NHNN-TTGSNH ngày 29/5/2017 và",
     [{"ref": "4060/NHNN-TTGSNH", "type": "Công văn", "date": "2017-05-29", "issuer": None}]),
]
# fmt: on


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_documents_rules(text, expected):
    assert _records(text) == expected


def test_issuer_prefers_org_mention():
    text = "theo Chỉ thị 35 của Bộ Chính trị về đại hội"
    start = text.index("Bộ Chính trị")
    org = Mention(start, start + len("Bộ Chính trị"), "ORG", "Bộ Chính trị")
    assert _records(text, [org])[0]["issuer"] == "Bộ Chính trị"

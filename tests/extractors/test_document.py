"""DOC extractor: golden table, seeds, true negatives, linear time."""
import time

import pytest

from extract.extractors.document import find_documents

# fmt: off
CASES = [
    # id, text, [(span text, start, ref, type)]
    ("party-number", "theo Nghị quyết số 21-NQ/TW ngày", [("Nghị quyết số 21-NQ/TW", 5, "21-NQ/TW", "Nghị quyết")]),
    # a bare number and the date it was issued on ("ngày" then a date is no quantity of days)
    ("bare-number-then-date", "Cụ thể, Nghị quyết số 559 ngày 27/4/2021 của", [("Nghị quyết số 559", 8, "Nghị quyết 559", "Nghị quyết")]),
    # a permit with an official number and issuing code
    ("permit", "đã cấp Giấy phép số 1517/GP-BTNMT ngày", [("Giấy phép số 1517/GP-BTNMT", 7, "1517/GP-BTNMT", "Giấy phép")]),
    ("party-guidance", "Hướng dẫn số 01-HD/BTCTW của", [("Hướng dẫn số 01-HD/BTCTW", 0, "01-HD/BTCTW", "Hướng dẫn")]),
    ("state-number", "tại Nghị định 15/2020/NĐ-CP,", [("Nghị định 15/2020/NĐ-CP", 4, "15/2020/NĐ-CP", "Nghị định")]),
    ("state-no-year", "Quyết định 123/QĐ-TTg của", [("Quyết định 123/QĐ-TTg", 0, "123/QĐ-TTg", "Quyết định")]),
    ("odd-spaces", "Thông tư 02/2017/TT- BYT ngày", [("Thông tư 02/2017/TT- BYT", 0, "02/2017/TT-BYT", "Thông tư")]),
    ("lowercase", "đã có quyết định 808/QĐ-NHNN về", [("quyết định 808/QĐ-NHNN", 6, "808/QĐ-NHNN", "Quyết định")]),
    # a verb-like type word in lower case with a bare number of three digits or more, then its
    # subject or the clause's end
    ("lowercase-bare-subject", "vừa có quyết định 1484 về việc thu hồi", [("quyết định 1484", 7, "quyết định 1484", "Quyết định")]),
    ("lowercase-bare-end", "Toàn văn quy định 105.", [("quy định 105", 9, "quy định 105", "Quy định")]),
    ("lowercase-so", "Tại chỉ thị số 01, Chủ tịch", [("chỉ thị số 01", 4, "chỉ thị 01", "Chỉ thị")]),
    ("informal", "thực hiện Chỉ thị 35 của Bộ Chính trị", [("Chỉ thị 35", 10, "Chỉ thị 35", "Chỉ thị")]),
    ("informal-so", "với Chỉ thị số 05 của", [("Chỉ thị số 05", 4, "Chỉ thị 05", "Chỉ thị")]),
    ("code-type", "tại Nghị định số 39-NQ/TW của", [("Nghị định số 39-NQ/TW", 4, "39-NQ/TW", "Nghị quyết")]),
    ("central-resolution", "Nghị quyết Trung ương 4 (khóa XII) gắn", [("Nghị quyết Trung ương 4 (khóa XII)", 0, "Nghị quyết Trung ương 4 (khóa XII)", "Nghị quyết")]),
    # a plenum by its number in words, digits or Roman, before or after the Central Committee; two terms
    ("plenum-in-words", "ban hành Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương khóa XII về",
     [("Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương khóa XII", 9,
       "Nghị quyết Hội nghị lần thứ năm Ban Chấp hành Trung ương khóa XII", "Nghị quyết")]),
    ("plenum-after-central", "theo Nghị quyết Hội nghị TƯ 5 khóa XII và Nghị quyết Trung ương VI.",
     [("Nghị quyết Hội nghị TƯ 5 khóa XII", 5, "Nghị quyết Hội nghị TƯ 5 khóa XII", "Nghị quyết"),
      ("Nghị quyết Trung ương VI", 42, "Nghị quyết Trung ương VI", "Nghị quyết")]),
    ("plenum-two-terms", "Nghị quyết Hội nghị Trung ương 4 (Khóa XI, XII) về",
     [("Nghị quyết Hội nghị Trung ương 4 (Khóa XI, XII)", 0, "Nghị quyết Hội nghị Trung ương 4 (Khóa XI, XII)", "Nghị quyết")]),
    ("no-plenum-number", "Nghị quyết Hội nghị năm nay được ban hành.", []),
    ("code-capital-luat", "như Bộ Luật tố tụng hình sự (sửa đổi);",
     [("Bộ Luật tố tụng hình sự (sửa đổi)", 4, "Bộ Luật tố tụng hình sự (sửa đổi)", "Bộ luật")]),
    ("congress-resolution", "Nghị quyết Đại hội XIII của Đảng", [("Nghị quyết Đại hội XIII", 0, "Nghị quyết Đại hội XIII", "Nghị quyết")]),
    ("congress-long", "Nghị quyết Đại hội Đảng bộ Quân đội lần thứ 10, góp", [("Nghị quyết Đại hội Đảng bộ Quân đội lần thứ 10", 0, "Nghị quyết Đại hội Đảng bộ Quân đội lần thứ 10", "Nghị quyết")]),
    ("law", "thông qua Luật Du lịch sửa đổi.", [("Luật Du lịch", 10, "Luật Du lịch", "Luật")]),
    ("law-long", "Luật Hỗ trợ doanh nghiệp nhỏ và vừa (DNNVV)", [("Luật Hỗ trợ doanh nghiệp nhỏ và vừa", 0, "Luật Hỗ trợ doanh nghiệp nhỏ và vừa", "Luật")]),
    ("law-amend", "dự án Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức QH. Quốc", [("Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức QH", 6, "Luật Sửa đổi, bổ sung một số điều của Luật Tổ chức QH", "Luật")]),
    # a law known by its initials (not a place's or a firm's: "Luật VN", "Công ty Luật TNHH")
    ("law-initials", "thực hiện đúng Luật NVQS năm 2015, Luật TTHC.", [("Luật NVQS", 15, "Luật NVQS", "Luật"), ("Luật TTHC", 35, "Luật TTHC", "Luật")]),
    # an amending law of a code is one DOC, its ref the code's number; a code known by its initials
    ("law-amending-a-code", "Quốc hội thông qua Luật Sửa đổi, bổ sung một số điều của Bộ luật Hình sự số 100/2015/QH13.", [("Luật Sửa đổi, bổ sung một số điều của Bộ luật Hình sự số 100/2015/QH13", 19, "100/2015/QH13", "Luật")]),
    ("code-initials", "theo Điều 104 BLHS, Điều 19 của BLHS 2015.", [("BLHS", 14, "BLHS", "Bộ luật"), ("BLHS 2015", 32, "BLHS 2015", "Bộ luật")]),
    ("law-draft", "dự thảo Luật An ninh mạng,", [("Luật An ninh mạng", 8, "Luật An ninh mạng", "Luật")]),
    ("law-amended", "dự thảo Luật Quốc phòng (sửa đổi), thiếu", [("Luật Quốc phòng (sửa đổi)", 8, "Luật Quốc phòng (sửa đổi)", "Luật")]),
    ("code-year", "(điều 220 Bộ luật Hình sự 2015) xảy ra", [("Bộ luật Hình sự 2015", 10, "Bộ luật Hình sự 2015", "Bộ luật")]),
    ("law-nam-year", "so với Luật Quốc phòng năm 2005 thì", [("Luật Quốc phòng", 7, "Luật Quốc phòng", "Luật")]),
    ("constitution", "theo Hiến pháp 2013.", [("Hiến pháp 2013", 5, "Hiến pháp 2013", "Hiến pháp")]),
    ("shorthand", "theo NĐ 59/2015/NĐ-CP về", [("NĐ 59/2015/NĐ-CP", 5, "59/2015/NĐ-CP", "Nghị định")]),
    ("other-word", "tại văn bản số 4060/NHNN-TTGSNH ngày", [("văn bản số 4060/NHNN-TTGSNH", 4, "4060/NHNN-TTGSNH", "Công văn")]),
    ("submission", "tại tờ trình số 122 - TTr / UBKTTW ngày", [("tờ trình số 122 - TTr / UBKTTW", 4, "122-TTr/UBKTTW", "Tờ trình")]),
    # a Party-style number alone, whose code names a submission or a report (not a bare state
    # number without its year: "03/KH-BCA")
    ("submission-number-alone", "Tờ trình của Ban (số 374 - TTr / BTCTW, ngày 20/6) và số 03/KH-BCA",
     [("374 - TTr / BTCTW", 21, "374-TTr/BTCTW", "Tờ trình")]),
    ("en-dash-number", "thực hiện Chỉ thị 40 – CT/TW của Ban Bí thư", [("Chỉ thị 40 – CT/TW", 10, "40-CT/TW", "Chỉ thị")]),
    ("law-lowercase", "Quốc hội thông qua luật An ninh mạng ngày", [("luật An ninh mạng", 19, "luật An ninh mạng", "Luật")]),
    ("code-lowercase", "theo bộ luật Hình sự 2015,", [("bộ luật Hình sự 2015", 5, "bộ luật Hình sự 2015", "Bộ luật")]),
    # true negatives
    ("law-in-general", "theo pháp luật Nhà nước, kỷ luật Quân đội và thiết quân luật Tổng thống", []),
    ("laws-submitted", "một số luật Chính phủ trình và luật doanh nghiệp", []),
    ("law-expert", "chuyên gia luật Rodriguez cho biết", []),
    ("no-identifier", "thực hiện quy chế phối hợp và các nghị quyết", []),
    ("other-word-no-code", "văn bản số 12 gửi", []),
    ("law-school", "Trường Đại học Luật TP.HCM", []),
    ("verb-count", "quyết định 3 người", []),
    ("draft-law-generic", "tại dự Luật lần này", []),
    # a number with a letter, or with its year after a hyphen
    ("number-letter", "theo Nghị quyết số 12b/2010/NQ-CP về", [("Nghị quyết số 12b/2010/NQ-CP", 5, "12b/2010/NQ-CP", "Nghị quyết")]),
    ("number-hyphen-year", "thực hiện Nghị quyết số 7-2019/NQ-CP;", [("Nghị quyết số 7-2019/NQ-CP", 10, "7-2019/NQ-CP", "Nghị quyết")]),
    # words between the type word and "số" before an official number
    ("modifier-before-so", "tỉnh có báo cáo khẩn số 15/BC-UBND gửi", [("báo cáo khẩn số 15/BC-UBND", 8, "15/BC-UBND", "Báo cáo")]),
    ("modifier-two-words", "theo quyết định điều chỉnh số 88/QĐ-UBND ngày", [("quyết định điều chỉnh số 88/QĐ-UBND", 5, "88/QĐ-UBND", "Quyết định")]),
    ("modifier-needs-code", "quyết định mới nhất số 3 của tỉnh", []),
    ("modifier-not-conjunction", "quyết định và công văn số 9/CV-SYT", [("công văn số 9/CV-SYT", 14, "9/CV-SYT", "Công văn")]),
    # a bare number followed by "năm" and a year: the year is no count
    ("bare-number-year", "được duyệt tại Quyết định số 412 năm 2016.", [("Quyết định số 412", 15, "Quyết định 412", "Quyết định")]),
    ("bare-number-years-count", "Quyết định số 5 năm qua", []),
    # lower-case type words that are never verbs, and verb-like ones with their issuer
    ("lowercase-noun-type", "Theo thông tư 61, các trường", [("thông tư 61", 5, "thông tư 61", "Thông tư")]),
    ("lowercase-verb-type-issuer", "vừa ban hành quy định 214 của Ban Bí thư về", [("quy định 214", 13, "quy định 214", "Quy định")]),
    ("lowercase-verb-type-count", "đã quy định 214 điểm bán", []),
    ("lowercase-verb-type-short-count", "đề nghị chỉ quy định 2 tiêu chí.", []),
    ("lowercase-verb-type-sum", "trái quy định 700.000m3 nước.", []),
    # a spaced official number is not cut to a bare number
    ("spaced-state-number", "theo nghị quyết 61 / 2019 / QH 14 của", []),
]
# fmt: on


@pytest.mark.parametrize("text,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_document_golden(text, expected):
    got = find_documents(text)
    assert [(m.text, m.start, m.attrs["ref"], m.attrs["type"]) for m in got] == expected
    assert all(m.label == "DOC" and text[m.start:m.end] == m.text for m in got)


def test_document_seeds(seeds):
    for doc in seeds.values():
        gold = [(s["start"], s["end"]) for s in doc["spans"] if s["label"] == "DOC"]
        assert [(m.start, m.end) for m in find_documents(doc["text"])] == sorted(gold), doc["id"]


@pytest.mark.parametrize("text", ["-" * 400_000 + "/TW", "1/1/" * 100_000, "1.1." * 100_000, "1-NQ/" * 80_000, "Nghị quyết Đại hội " * 20_000])
def test_document_long_line_is_fast(text):
    t = time.perf_counter()
    find_documents(text)
    assert time.perf_counter() - t < 1.0

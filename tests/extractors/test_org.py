"""Table tests for ``extract.extractors.org``: one invented sentence per ORG pattern.

Each case gives a text and the exact ORG spans (their texts, in order) that the
rules must find in it; ``also`` lists spans of other labels the case depends on.
"""
from __future__ import annotations

import pytest

from extract.extractors.people_spans import find_people_spans

CASES = [
    # a head followed by a fused place with its prefix: the place belongs to the body
    ("fused_place", "Ngày 3-4, Bộ Tư lệnh TP.HCM tổ chức diễn tập.", ["Bộ Tư lệnh TP.HCM"], []),
    # ... and a person's name after that place is not part of it
    ("fused_place_then_person", "Bí thư Thành ủy TP.HCM Nguyễn Văn An phát biểu.",
     ["Thành ủy TP.HCM"], [("PERSON", "Nguyễn Văn An")]),
    # an abbreviation defined in brackets after a body is an ORG, and so are its later uses
    ("bracket_abbreviation", "Viện Vật liệu xây dựng (VLXD) thông báo. Sau đó VLXD gửi văn bản.",
     ["Viện Vật liệu xây dựng", "VLXD", "VLXD"], []),
    # name (abbreviation) place: one body; the abbreviation then takes a place too
    ("bracket_abbreviation_place",
     "Bệnh viện Nhi (BVN) tỉnh Nam Định khai trương. Sau đó BVN Nam Định tiếp nhận bệnh nhân.",
     ["Bệnh viện Nhi (BVN) tỉnh Nam Định", "BVN Nam Định"], []),
    # a body's name going on in lower case up to a bracket, a comma or a place
    ("lower_case_tail", "Ông Bình, Viện trưởng Viện Cơ khí nông nghiệp (Bộ Nông nghiệp), cho biết.",
     ["Viện Cơ khí nông nghiệp", "Bộ Nông nghiệp"], []),
    ("lower_case_tail_to_place", "Bà Lan, Chủ tịch Hội Dinh dưỡng lâm sàng Việt Nam, phát biểu.",
     ["Hội Dinh dưỡng lâm sàng Việt Nam"], []),
    # ... but not over a verb that follows the body
    ("lower_case_tail_verb", "Thủ tướng giao Bộ Giao thông chủ trì, báo cáo trong tháng 5.",
     ["Bộ Giao thông"], []),
    # "UB" is the short form of "Ủy ban"
    ("ub_head", "Chủ nhiệm UB Pháp luật nêu rõ yêu cầu.", ["UB Pháp luật"], []),
    # an armed service named by its country
    ("service_and_country", "Tàu của Hải quân Pháp cập cảng, theo Quân đội Đức.",
     ["Hải quân Pháp", "Quân đội Đức"], []),
    # a paper or an agency after a lower-case media word: the word stays outside
    ("media_name", "Theo tờ Asahi Shimbun Nhật Bản, hãng tin Reuters đã đưa tin.", ["Asahi Shimbun", "Reuters"], []),
    ("media_word_in_compound", "Đề nghị thông báo Kết luận về nội dung này.", [], []),
    # an agency after a photo credit
    ("credit_agency", "Ảnh: Minh Anh/TTXVN", ["TTXVN"], [("PERSON", "Minh Anh")]),
    # an upper-case agency before a photo credit's slash
    ("credit_agency_before_slash", "Toàn cảnh buổi lễ. Ảnh: VNA/Thu Hà\nSáng nay, đoàn đến.", ["VNA"], []),
    # a capitalised agency word opens the agency's name too
    ("agency_word_capitalised", "Bài viết đăng ngày 2/3. Hãng tin Kyodo dẫn lời quan chức.", ["Kyodo"], []),
    # "Trưởng ban ...", "Phó ban ...": the lower-case "ban" belongs to the title; only the body after it is ORG
    ("ban_in_title", "Ông Hải được bổ nhiệm làm Phó ban Kinh tế Trung ương.", ["Trung ương"], []),
    # police named by their branch and place
    ("police_branch", "Giám đốc Cảnh sát PCCC TP.HCM cho biết.", ["Cảnh sát PCCC TP.HCM"], []),
    # the same elliptical body after two titles in a list is a kind of post, not a body
    ("listed_twice", "Thủ tướng bổ nhiệm Tư lệnh Quân khu, Chính ủy Quân khu và các chức vụ khác.", [], []),
    # a named body followed by a bare prefix keeps the prefix
    ("named_then_bare_prefix", "Bà Hoa, Phó Chủ tịch Liên đoàn Lao động tỉnh làm Trưởng ban.",
     ["Liên đoàn Lao động tỉnh"], []),
    # coordinated levels are generic
    ("levels_listed", "UBND xã, phường, thị trấn xác nhận hồ sơ.", [], []),
    # a person's name after a bare prefix is not the place's name
    ("person_after_prefix", "Chủ tịch UBND tỉnh Lê Văn Bình phát biểu.", ["UBND tỉnh"], []),
    # companies: a name that looks like a person's, and descriptive words after the legal form
    ("company_person_like_name", "Giám đốc Công ty TNHH Phạm Gia Khang ký hợp đồng.",
     ["Công ty TNHH Phạm Gia Khang"], []),
    ("company_descriptive_words", "Họ cho Công ty TNHH vận tải biển Hòa Phát thuê lại.",
     ["Công ty TNHH vận tải biển Hòa Phát"], []),
    # a company's executive board is a body
    ("executive_board", "Ông Nam đề nghị Ban Giám đốc Tập đoàn xem xét.", ["Ban Giám đốc Tập đoàn"], []),
    # a capitalised "Tập đoàn" alone names the group the article is about
    ("bare_group", "Nhiều khoản đầu tư của Tập đoàn bị tổn thất.", ["Tập đoàn"], []),
    ("bare_service", "Trong năm nay, Quân chủng đã điều chuyển bốn kho.", ["Quân chủng"], []),
]


@pytest.mark.parametrize("text,orgs,also", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_org_spans(text, orgs, also):
    spans = find_people_spans(text)
    got = [m.text for m in sorted(spans, key=lambda m: m.start) if m.label == "ORG"]
    assert got == orgs
    for label, surface in also:
        assert any(m.label == label and m.text == surface for m in spans), (label, surface)

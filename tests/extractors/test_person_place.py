"""PERSON and LOC patterns found on unseen articles: one invented sentence per pattern.

Each case gives the PERSON and LOC spans expected (text of the span); a span listed under
``absent`` must not be found with that label.
"""
from __future__ import annotations

import pytest

from extract.extractors.people_spans import find_people_spans

CASES = [
    # "cầu" after "yêu", "nhu", "điểm" is part of a word, not a bridge: the place after it stays
    ("yeu_cau_country", "Phía Lào tiếp tục yêu cầu Mỹ điều động thêm tàu.",
     {("LOC", "Mỹ")}, set()),
    ("diem_cau_province", "Đại biểu dự hội nghị tại điểm cầu Thanh Hóa đều đồng ý.",
     {("LOC", "Thanh Hóa")}, set()),
    ("bridge_still_not_place", "Xe tải đi qua cầu Việt Trì lúc chiều.",
     set(), {("LOC", "Việt Trì")}),
    # a country name after a capitalised clause opener, and opening a sentence
    ("country_after_opener", "Nếu Mỹ chấp thuận, cuộc tập trận sẽ diễn ra.",
     {("LOC", "Mỹ")}, set()),
    ("country_opens_sentence", "Trời mưa to. Pháp có thể gửi thêm hàng viện trợ.",
     {("LOC", "Pháp")}, set()),
    # a country syllable that makes one word with the next syllable is no place
    ("phap_luat", "Ủy ban Pháp luật đã thẩm tra đề án này.",
     set(), {("LOC", "Pháp")}),
    ("anh_hung", "Ông được truy tặng danh hiệu Anh hùng lao động.",
     set(), {("LOC", "Anh")}),
    # a full name right after a place ending a body's name, or after an abbreviation
    ("name_after_place", "Chủ tịch Hội đồng bầu cử Đà Nẵng Lê Văn Khoa cho biết.",
     {("LOC", "Đà Nẵng"), ("PERSON", "Lê Văn Khoa")}, set()),
    ("name_after_fused_place", "Bí thư Thành ủy TP.HCM Trần Quốc Bảo phát biểu.",
     {("LOC", "TP.HCM"), ("PERSON", "Trần Quốc Bảo")}, set()),
    # a photo credit inside the running text stops before the next sentence's first word
    ("credit_title_case", "Bộ đội tăng gia sản xuất. Ảnh: Minh Khôi Bên cạnh đó, đơn vị nuôi cá.",
     {("PERSON", "Minh Khôi")}, {("PERSON", "Minh Khôi Bên")}),
    ("credit_upper_case", "Lãnh đạo thăm đơn vị. Ảnh: HOÀNG LAN Báo cáo tại buổi làm việc nêu rõ.",
     {("PERSON", "HOÀNG LAN")}, {("PERSON", "HOÀNG LAN Báo")}),
    # a Korean given name joined by a hyphen belongs to the name
    ("korean_hyphen_name", "Đại tướng Kim Min-seok, Tham mưu trưởng, đã phát biểu.",
     {("PERSON", "Kim Min-seok")}, {("PERSON", "Kim Min")}),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_person_and_place_spans(case):
    _, text, expected, absent = case
    got = {(m.label, m.text) for m in find_people_spans(text) if m.label in ("PERSON", "LOC")}
    assert expected <= got
    assert not (absent & got)

"""POSITION extractor: one invented sentence per pattern, text -> expected POSITION spans."""
import pytest

from extract.extractors.people_spans import find_people_spans

# fmt: off
CASES = [
    # the body named after a ward keeps the ward's whole name; the deputy's seat after a dash
    ("ward-named-body", "Giám đốc bệnh viện Bạch Mai Nguyễn Quang Tuấn - đại biểu Quốc hội đương nhiệm.",
     ["Giám đốc bệnh viện Bạch Mai", "đại biểu Quốc hội"]),
    # a head of state's country (TQ for Trung Quốc); deputy heads of a division; a station head
    ("state-head-and-deputy-division", "Chủ tịch TQ Tập Cận Bình gặp Thượng tá Võ Đình Thường, Phó phòng CSGT Đường bộ - Đường sắt, và Đại uý Trạm trưởng.",
     ["Chủ tịch TQ", "Phó phòng CSGT Đường bộ - Đường sắt", "Trạm trưởng"]),
    # "một" before a bare title: any one of them; with its body it is one office-holder
    ("indefinite-title", "Thủ tướng ủy quyền cho một Phó Thủ tướng trả lời; ra sân bay đón một Phó chủ tịch tỉnh Kiên Giang.",
     ["Thủ tướng", "Phó chủ tịch tỉnh Kiên Giang"]),
    # the General Secretary with the committee or party written after the title
    ("general-secretary-body", "Nguyễn Phú Trọng, Tổng Bí thư Ban Chấp hành Trung ương Đảng, tiếp Tổng Bí thư Đảng Cộng sản Trung Quốc.",
     ["Tổng Bí thư Ban Chấp hành Trung ương Đảng", "Tổng Bí thư Đảng Cộng sản Trung Quốc"]),
    # a foreign minister's portfolio the lexicon does not list: one word, or two joined by "và"
    ("foreign-portfolio", "Bà Borne làm Bộ trưởng Giao thông; Bộ trưởng Năng lượng Qatar Mohammed al-Sada và Bộ trưởng Nguyễn Văn A dự.",
     ["Bộ trưởng Giao thông", "Bộ trưởng Năng lượng Qatar", "Bộ trưởng"]),
    # a province or a centrally-run city right after the title, without its prefix
    ("province-after-title", "Chủ tịch Thừa Thiên - Huế Nguyễn Văn Cao và Bí thư Hà Nội Hoàng Trung Hải dự.",
     ["Chủ tịch Thừa Thiên - Huế", "Bí thư Hà Nội"]),
    # the holder's name after a city prefix that follows the title at once
    ("holder-after-city-prefix", "Chủ tịch thành phố Nguyễn Đức Chung và Chủ tịch tỉnh Ninh Bình dự.",
     ["Chủ tịch thành phố", "Chủ tịch tỉnh Ninh Bình"]),
    # a deputy's title before the short form of a name given in full before; "ĐB" after a sentence's first word
    ("deputy-short-name", "Nhưng ĐB Nguyễn Văn Nhường nói. Sau đó, đại biểu Nhường chia sẻ; đại biểu Hà Nội thì không.",
     ["ĐB", "đại biểu"]),
    # an apposition's tail that runs into a clause ends at the last place it went through
    ("appos-tail-place-then-clause", "Ông Đàm Thanh Ninh - Trưởng phòng Kinh tế huyện Hóc Môn quả quyết rằng: không.",
     ["Trưởng phòng Kinh tế huyện Hóc Môn"]),
    # "TP." and an honorific: the dot ended the sentence, no city is named
    ("state-councillor", "Thủ tướng Abe gặp Ủy viên Quốc vụ Trung Quốc Dương Khiết Trì.", ["Thủ tướng", "Ủy viên Quốc vụ Trung Quốc"]),
    ("some-deputies", "Một số vị đại biểu Quốc hội cho rằng như vậy; Đại biểu Quốc hội Nguyễn Văn A nói.", ["Đại biểu Quốc hội"]),
    ("city-prefix-then-honorific", "Ông Dương Vũ Lâm - đại biểu HĐND TP. Ông Lâm cho rằng như vậy.", ["đại biểu HĐND TP"]),
    # offices listed as categories after a colon or "chức danh": no holder; the country's top offices each have one
    ("office-list", "Các chức danh do Bộ Chính trị quyết định gồm: Phó Chủ tịch nước, Phó Thủ tướng, Chánh án Tòa án nhân dân tối cao. Nghị định nêu rõ: Tổng Bí thư, Chủ tịch nước, Thủ tướng Chính phủ được dùng xe.",
     ["Tổng Bí thư", "Chủ tịch nước", "Thủ tướng Chính phủ"]),
    # a delegation head: "chuyên trách" belongs to the title, before or after the body; the body alone, or its province
    ("delegation-full-time", "Phó Trưởng đoàn ĐBQH chuyên trách TP. Đà Nẵng Nguyễn Bá Sơn và Trưởng đoàn ĐBQH khóa 14 Lê Văn A; ông B, Phó trưởng đoàn chuyên trách, nói.",
     ["Phó Trưởng đoàn ĐBQH chuyên trách TP. Đà Nẵng", "Trưởng đoàn ĐBQH", "Phó trưởng đoàn chuyên trách"]),
    # lawmakers and monarchs take their country; "sỹ" is "sĩ"; a title in a group's name is no office
    ("lawmaker-and-monarch-country", "Thượng nghị sỹ Mỹ John McCain gặp Nữ hoàng Anh Elizabeth; nhóm Nghị sĩ hữu nghị Đức - Việt ra đời.",
     ["Thượng nghị sỹ Mỹ", "Nữ hoàng Anh"]),
    # a minister of a country named right after the title
    ("minister-of-a-country", "Bộ trưởng Ấn Độ vô tư; Bộ trưởng Nông nghiệp Ấn Độ nói; Bộ trưởng Hoàng Trung Hải nói.",
     ["Bộ trưởng Ấn Độ", "Bộ trưởng Nông nghiệp Ấn Độ", "Bộ trưởng"]),
    # the local police named in lower case after its head; lower-case "trưởng" with a cue and a body
    ("local-police-lower-case", "Thông, khi đó là Trưởng công an xã, và ông Sao, nguyên Giám đốc công an tỉnh, gặp vị trưởng Công an quận 2.",
     ["Trưởng công an xã", "Giám đốc công an tỉnh", "trưởng Công an quận 2"]),
    # "chức vụ" is a word: "vụ" there opens no "Vụ phó"
    ("chuc-vu-not-vu-pho", "Chính phủ phê chuẩn bầu bổ sung chức vụ Phó Chủ tịch UBND tỉnh Gia Lai, nhiệm kỳ 2016 - 2021.",
     ["Phó Chủ tịch UBND tỉnh Gia Lai"]),
    # offices named as a class: after "các chức danh" (and the rest of the list), after "cấp"
    ("offices-as-a-class", "Bổ sung các chức danh bí thư, phó bí thư, chủ tịch uỷ ban nhân dân; đối thoại cấp Thứ trưởng diễn ra.",
     []),
    # an envoy posted "tại" a country or city; the office of an attaché is a body, no position
    ("envoy-posted-at", "Về phía Úc có Đại sứ đặc mệnh toàn quyền tại Việt Nam; Tổng Lãnh sự Úc tại TP Hồ Chí Minh; Văn phòng Tùy viên Quốc phòng dự.",
     ["Đại sứ đặc mệnh toàn quyền tại Việt Nam", "Tổng Lãnh sự Úc tại TP Hồ Chí Minh"]),
    ("attache", "Đại tá Nerolie McDonald, Tùy viên Quốc phòng Úc tại Việt Nam, cho biết.",
     ["Tùy viên Quốc phòng Úc tại Việt Nam"]),
    # a committee's name in lower case after "Trưởng ban": up to its body, a verb or a name
    ("ban-lower-case-name", "Quốc hội nghe Trưởng ban kiểm phiếu công bố; Lê Chiêm, Trưởng Ban công tác đặc biệt Chính phủ Việt Nam, dự.",
     ["Trưởng ban kiểm phiếu", "Trưởng Ban công tác đặc biệt Chính phủ Việt Nam"]),
    ("ban-alone", "Ông là trưởng ban từ năm 2010. Trưởng ban cho biết thêm.", ["trưởng ban", "Trưởng ban"]),
    # envoys, the Secretariat's standing member, officials of old and of foreign states; "thời" ends a tail
    ("envoy-and-old-offices", "Ông Thân, Đại sứ đặc mệnh toàn quyền tại Albania; Phạm Cao Thụy, Thượng thư thời Bảo Đại.",
     ["Đại sứ đặc mệnh toàn quyền", "Thượng thư"]),
    ("standing-member-and-senator", "Thường trực Ban Bí thư Võ Văn Thưởng gặp Thượng nghị sĩ John McCain.",
     ["Thường trực Ban Bí thư", "Thượng nghị sĩ"]),
    # unit and deputy titles of the army and police: "-trưởng" and "-phó" of small units, advisers
    ("unit-and-deputy-titles", "Đại tá Nguyễn Văn Tấn, Cục phó Quân lực, từng là Trung đội trưởng, Chính trị viên Tiểu đoàn, Tham mưu phó.",
     ["Cục phó Quân lực", "Trung đội trưởng", "Chính trị viên Tiểu đoàn", "Tham mưu phó"]),
    ("adviser-and-team-head", "Ông Cẩm, nguyên Cố vấn Ban Chấp hành Trung ương Đảng; Thiếu tá Vũ Thị Nhàn, Tổ trưởng Tổ Đúc mạ.",
     ["Cố vấn Ban Chấp hành Trung ương Đảng", "Tổ trưởng Tổ Đúc mạ"]),
    # "chính quyền" is a word (government); "chức quyền"/"Quyền" before a title is acting
    ("chinh-quyen-not-acting", "Mỹ cảnh báo chính quyền Tổng thống Syria; ông Lâm giữ chức quyền Bộ trưởng.",
     ["Tổng thống Syria", "quyền Bộ trưởng"]),
    # id, text, [POSITION span texts, in order]
    # a party member of a committee, written as one word ("đảng ủy viên")
    ("dang-uy-vien", "Ông Lê Văn An, Đảng ủy viên, Phó tham mưu trưởng Quân khu 9, phát biểu.",
     ["Đảng ủy viên", "Phó tham mưu trưởng Quân khu 9"]),
    ("dang-uy-vien-lower", "ông Lê Văn An, nguyên đảng ủy viên, bí thư chi bộ",
     ["đảng ủy viên", "bí thư"]),
    # an army department head: "Chủ nhiệm Chính trị / Hậu cần / Kỹ thuật" + unit
    ("chu-nhiem-chinh-tri", "Đại tá Lê Văn Bình, Phó Chủ nhiệm Chính trị Quân khu 7, phát biểu.",
     ["Phó Chủ nhiệm Chính trị Quân khu 7"]),
    ("chu-nhiem-hau-can", "Đại tá Lê Văn Bình, Chủ nhiệm Hậu cần Quân khu 5, cho biết.",
     ["Chủ nhiệm Hậu cần Quân khu 5"]),
    # the head of a province's delegation to the National Assembly; a delegation with no province is generic
    ("delegation-head", "Ông Nguyễn Nhân Chiến, Bí thư Tỉnh ủy, Trưởng đoàn đại biểu Quốc hội tỉnh Bắc Ninh, phát biểu.",
     ["Bí thư Tỉnh ủy", "Trưởng đoàn đại biểu Quốc hội tỉnh Bắc Ninh"]),
    ("delegation-generic", "Dự họp có trưởng đoàn đại biểu Quốc hội của tỉnh, thành phố.", []),
    # judges and heads of branch departments; the standing deputy prime minister; a kind of office-holder is none
    ("judge-and-branch-head", "Ông Phan Huy Cương, Thẩm phán Tòa hình sự, TAND TP Hà Nội; ông Đỗ Thanh Quang, Chi cục trưởng Chi cục Hải quan Nội Bài.",
     ["Thẩm phán Tòa hình sự", "Chi cục trưởng Chi cục Hải quan Nội Bài"]),
    ("standing-deputy-pm", "Phó Thủ tướng Thường trực Chính phủ Trương Hòa Bình phát biểu.", ["Phó Thủ tướng Thường trực Chính phủ"]),
    ("kind-of-judge", "Hình ảnh người Thẩm phán công minh; đào tạo đội ngũ Thẩm phán.", []),
    # "ĐB" / "ĐBQH" before a deputy's name; many deputies are no one office-holder
    ("deputy-abbreviation", "ĐB Phạm Trọng Nhân (Bình Dương) nói. Nhiều ĐBQH đồng tình.", ["ĐB"]),
    # a title whose field is a domain, followed by the holder's name: the name is no domain
    ("domain-title-then-name", "Tổng cục trưởng Nguyễn Văn Tuấn: Sáu tháng đầu năm khách tăng.", ["Tổng cục trưởng"]),
    # an embassy is no ambassador: the title's last syllable makes one word with the next ("sứ quán");
    # a company after a title stays its body ("Giám đốc công ty", though "đốc công" is a word)
    ("embassy-no-envoy", "Dự lễ có Đại sứ quán Úc tại Việt Nam và bà Vũ Thị Hoan, Giám đốc công ty Yên Khánh.",
     ["Giám đốc công ty Yên Khánh"]),
    # an apposition's body closed by a place or met by a figure takes no lower-case tail
    ("apposition-closed-by-place", "Đại tá Nguyễn Văn Kim, Phó Giám đốc Công an tỉnh Đồng Nai xác định, từ năm 2016.",
     ["Phó Giám đốc Công an tỉnh Đồng Nai"]),
    ("apposition-then-figure", "Tổng tham mưu trưởng, Chủ nhiệm Tổng cục Chính trị gần 2,1 triệu đồng.",
     ["Tổng tham mưu trưởng", "Chủ nhiệm Tổng cục Chính trị"]),
    # a chief executive: "Giám đốc điều hành" + company
    ("giam-doc-dieu-hanh", "Bà Lê Thị Cúc, Giám đốc điều hành Công ty Hoa Mai, phát biểu.",
     ["Giám đốc điều hành Công ty Hoa Mai"]),
    # the seat being elected is not an office holder
    ("ung-cu-dai-bieu", "Ông Trần Văn Dũng ứng cử đại biểu Quốc hội khóa XV tại Hà Nội.", []),
    ("bau-cu-dai-bieu", "Trong đợt bầu cử đại biểu Quốc hội khóa XV, cử tri đi bầu đông.", []),
    ("bau-lam-dai-bieu", "Có 20 người được bầu làm đại biểu Quốc hội khóa XV.", []),
    ("dai-bieu-beside-name", "Đại biểu Quốc hội Lê Văn Em phát biểu.", ["Đại biểu Quốc hội"]),
    # a count or plural word in the subject of "là": a class of people, not one office holder
    ("count-la-member", "Có 101 ứng viên là Ủy viên Trung ương Đảng.", []),
    ("plural-la-deputy", "Các ứng viên là đại biểu Quốc hội đương nhiệm.", []),
    ("year-la-title", "Năm 2020 ông Lê Văn An là Bí thư Tỉnh ủy Bắc Giang.", ["Bí thư Tỉnh ủy Bắc Giang"]),
    ("numbered-body-tung-la", "Ông Lê Văn An khi giữ chức Tư lệnh Quân khu 9 từng là Phó tham mưu trưởng Quân khu 9.",
     ["Tư lệnh Quân khu 9", "Phó tham mưu trưởng Quân khu 9"]),
    ("count-la-title-name", "Có hai đại tướng là Bộ trưởng Quốc phòng Ngô Xuân Lịch và ông B.",
     ["Bộ trưởng Quốc phòng"]),
    # a country is the body of a head of state, a minister or an envoy
    ("president-country", "Hôm qua, Tổng thống Mỹ Joe Biden đã tới Hà Nội.", ["Tổng thống Mỹ"]),
    ("pm-country", "Thủ tướng Nhật Bản đã tới Hà Nội.", ["Thủ tướng Nhật Bản"]),
    ("king-country", "bằng khen của Quốc vương Campuchia, ông rất vui", ["Quốc vương Campuchia"]),
    ("minister-domain-country", "Tân Bộ trưởng Quốc phòng Mỹ James Mattis đã tới.", ["Bộ trưởng Quốc phòng Mỹ"]),
    ("envoy-tai-country", "Ngày 3/2, Đại sứ Nga tại Hàn Quốc Ivan Petrov cho biết.", ["Đại sứ Nga tại Hàn Quốc"]),
    ("pm-government", "Thủ tướng Chính phủ Nguyễn Xuân Phúc dự.", ["Thủ tướng Chính phủ"]),
    # a name right after the body is not part of it
    ("name-after-fused-city", "Bí thư Thành ủy TP.HCM Nguyễn Văn Nam cho biết.", ["Bí thư Thành ủy TP.HCM"]),
    ("name-after-tinh", "Sau đó, tân Chủ tịch UBND tỉnh Trần Văn Hưng phát biểu.", ["Chủ tịch UBND tỉnh"]),
    ("province-then-name", "Chủ tịch UBND tỉnh Bắc Giang Lê Ánh Dương phát biểu.", ["Chủ tịch UBND tỉnh Bắc Giang"]),
    # a title in apposition whose body goes on in lower case up to the closing punctuation
    ("appos-lower-tail", "Ông Lê Văn An, Trưởng phòng Kế hoạch và Quản lý rủi ro, Cục Thuế, cho biết.",
     ["Trưởng phòng Kế hoạch và Quản lý rủi ro"]),
    ("appos-lower-tail-bracket", "Bà Lê Thị Cúc (hiệu trưởng trường mầm non Hoa Sen) cho biết.",
     ["hiệu trưởng trường mầm non Hoa Sen"]),
    ("appos-lower-tail-nguyen", "Ông Lê Văn An - nguyên trưởng phòng hạ tầng, Sở Xây dựng.", ["trưởng phòng hạ tầng"]),
    ("appos-lower-tail-long", "Trung tá Nguyễn Hữu Đoài, nguyên Chính trị viên Đồn Công an nhân dân vũ trang Tràng Cát. Năm đó.",
     ["Chính trị viên Đồn Công an nhân dân vũ trang Tràng Cát"]),
    # a unit's field that reads like a verb, right after the title ending in the unit's word
    ("appos-unit-field", "Ông Nguyễn Ngọc Yên - Phó trưởng phòng quản lý giáo dục, Trung tâm Bảo trợ.",
     ["Phó trưởng phòng quản lý giáo dục"]),
    # ... but not over a verb, a second title, an abbreviation's dot or a name
    ("appos-tail-verb", "Ông Lê Văn An, Giám đốc Công ty Hoa Mai phát biểu khai mạc hội nghị.",
     ["Giám đốc Công ty Hoa Mai"]),
    ("appos-tail-second-title", "Ông Lê Văn An, Bộ trưởng Bộ Quốc phòng và Ủy viên Bộ Chính trị, dự.",
     ["Bộ trưởng Bộ Quốc phòng", "Ủy viên Bộ Chính trị"]),
    ("appos-tail-name", "Ông Lê Văn An, Giám đốc điều hành trung tâm Hoa Mai Trần Văn Bình, dự.",
     ["Giám đốc điều hành"]),
]
# fmt: on


@pytest.mark.parametrize("case_id,text,expected", CASES, ids=[c[0] for c in CASES])
def test_position_spans(case_id, text, expected):
    got = [m for m in find_people_spans(text) if m.label == "POSITION"]
    assert [m.text for m in got] == expected
    for m in got:
        assert text[m.start:m.end] == m.text


def test_name_after_title_is_a_person():
    """The name cut off the body is found as a PERSON of its own."""
    spans = find_people_spans("Bí thư Thành ủy TP.HCM Nguyễn Văn Nam cho biết.")
    assert ("PERSON", "Nguyễn Văn Nam") in [(m.label, m.text) for m in spans]


# people records: which office goes with which name (text -> {name: positions})
# fmt: off
LINK_CASES = [
    # a sentence opened by a time phrase and a bare pronoun: offices of the person named before
    ("time-then-pronoun", "Đại tướng Lê Văn An sinh năm 1930.\nCuối năm 1980, ông làm Tư lệnh Quân khu 9.",
     {"Lê Văn An": ["Tư lệnh Quân khu 9"]}),
    # a rank between two titles does not end the list
    ("rank-between-titles", "Ông Lê Văn An sinh năm 1950.\nÔng là Ủy viên Trung ương Đảng, Thượng tướng, Chính ủy Quân khu 9.",
     {"Lê Văn An": ["Ủy viên Trung ương Đảng", "Chính ủy Quân khu 9"]}),
    # a name in an aside in brackets is not the one the pronoun refers to
    ("aside-in-brackets", "Ông Lê Văn An sinh năm 1950.\nNăm 1975, ông (cùng Đại tá Trần Văn Bình) được điều về.\n"
     "Năm 1980, ông là Chính ủy Quân khu 9.",
     {"Lê Văn An": ["Chính ủy Quân khu 9"], "Trần Văn Bình": []}),
    # a lone given name after a title or an honorific stands for the full name
    ("title-given-name", "Bí thư Tỉnh ủy Lê Văn An dự họp. Sau đó, Thống đốc An phát biểu.",
     {"Lê Văn An": ["Bí thư Tỉnh ủy", "Thống đốc"]}),
    ("honorific-given-name-verb", "Ông Trần Văn Bình dự họp. Công ty do ông Bình làm Giám đốc.",
     {"Trần Văn Bình": ["Giám đốc"]}),
    # title, comma, honorific, name
    ("title-comma-honorific", "Quyết định do Chủ tịch UBND tỉnh Bắc Giang, ông Lê Văn An ký.",
     {"Lê Văn An": ["Chủ tịch UBND tỉnh Bắc Giang"]}),
]
# fmt: on


@pytest.mark.parametrize("case_id,text,expected", LINK_CASES, ids=[c[0] for c in LINK_CASES])
def test_people_positions(case_id, text, expected):
    from extract.link.people import link_people

    people = link_people(text, find_people_spans(text))
    assert {p.name: p.positions for p in people} == expected

"""Table tests for ``extract.extractors.org``: one invented sentence per ORG pattern.

Each case gives a text and the exact ORG spans (their texts, in order) that the
rules must find in it; ``also`` lists spans of other labels the case depends on.
"""
from __future__ import annotations

import pytest

from extract.extractors.people_spans import find_people_spans

CASES = [
    # "Hội" and the place it is held in is a festival; "Hội" and a domain an association
    ("festival_not_body", "Du khách tới Hội Lim ngày đầu khai hội; Hội Nông dân tỉnh Bắc Ninh dự.",
     ["Hội Nông dân tỉnh Bắc Ninh"], [("LOC", "Bắc Ninh")]),
    # a foreign-spelled source after a credit word or inside "(theo ...)" is a paper, agency or site
    ("foreign_source", "Người dùng không nhận thấy khác biệt. Ảnh: Forbes. Các chiến binh rút lui (theo Fars News).",
     ["Forbes", "Fars News"], []),
    # a lower-case head syllable that ends a common word opens no body ("hội trường", "cán bộ")
    ("head_syllable_in_a_word", "Tại hội trường UBND tỉnh Thừa Thiên Huế, Ban liên lạc cán bộ Công an họp; của công ty Tân Thuận.",
     ["UBND tỉnh Thừa Thiên Huế", "công ty Tân Thuận"], []),
    # police of a ward or district by its abbreviation, and the investigating agency
    ("police_abbreviations", "Tiếp nhận thông tin, CAP Lý Thái Tổ đã phối hợp cùng CQĐT CAQ Hoàn Kiếm làm rõ.",
     ["CAP Lý Thái Tổ", "CQĐT CAQ Hoàn Kiếm"], [("LOC", "Lý Thái Tổ"), ("LOC", "Hoàn Kiếm")]),
    # ... or up to the place it serves
    ("head_lower_name_place", "Nhà máy thuộc Trung tâm điện lực tỉnh Bình Thuận; Hội đồng bầu cử Hà Nội họp.",
     ["Trung tâm điện lực tỉnh Bình Thuận", "Hội đồng bầu cử Hà Nội"], [("LOC", "Bình Thuận"), ("LOC", "Hà Nội")]),
    # a commission, team or fund named in lower case by what it does, up to a visible end, a
    # function word or a verb, with its number or "Nhà nước"; not "Đoàn công tác" (a delegation)
    ("named_by_purpose", "Đoàn kiểm tra số 470 ghi nhận; Hội đồng xét xử tuyên phạt bị cáo; Đoàn công tác của Bộ "
     "đến thăm; Hội đồng thẩm định Nhà nước họp về Quỹ hỗ trợ phát triển du lịch nhưng Đoàn kiểm tra đối với các tỉnh.",
     ["Đoàn kiểm tra số 470", "Hội đồng xét xử", "Bộ", "Hội đồng thẩm định Nhà nước",
      "Quỹ hỗ trợ phát triển du lịch", "Đoàn kiểm tra"], []),
    # a steering or managing committee and what it steers, up to a visible end; not a verb after
    # it, nor a name going on in capitals
    ("committee_and_its_object", "Báo cáo của Ban Chỉ đạo xây dựng quy hoạch cán bộ cấp chiến lược, tài liệu do "
     "Ban quản lý đền phát hành; Bộ Chính trị giao Ban Chỉ đạo thông báo; UBND lập Ban Chỉ đạo thi THPT Quốc gia.",
     ["Ban Chỉ đạo xây dựng quy hoạch cán bộ cấp chiến lược", "Ban quản lý đền", "Bộ Chính trị", "Ban Chỉ đạo",
      "UBND"], []),
    # ... and the number that ends its name before a comma or a full stop
    ("purpose_and_number", "Hội đồng thẩm định gói thầu 2. Sau đó Hội đồng thẩm định gói thầu 3, họp.",
     ["Hội đồng thẩm định gói thầu 2", "Hội đồng thẩm định gói thầu 3"], []),
    # after a team named by its purpose, its head alone names it, after a comma too; not before
    # it, nor a delegation's "Đoàn" after one named otherwise
    ("team_named_elliptically", "Đoàn sẽ tới. Chiều 15/5, Đoàn kiểm tra của Bộ Chính trị làm việc. Theo đó, Đoàn sẽ "
     "kiểm tra 12 tổ chức đảng; các thành viên trong Đoàn chủ động nghiên cứu.",
     ["Đoàn kiểm tra", "Bộ Chính trị", "Đoàn", "Đoàn"], []),
    ("delegation_not_elliptic", "Đoàn đại biểu Quốc hội tỉnh Sơn La làm việc. Theo đó, Đoàn sẽ kiểm tra.",
     ["Đoàn đại biểu Quốc hội tỉnh Sơn La"], [("LOC", "Sơn La")]),
    # ... but a room, a deputies' discussion group or a place after "phòng"/"tổ" is no unit
    ("room_and_group_not_units", "Hai ông gặp trong phòng Bầu Dục. Đại biểu ở tổ Hà Nội và Tổ 9 thảo luận.", [], [("LOC", "Hà Nội")]),
    # the committees of the provinces ("tỉnh thành") are no one body
    ("provinces_committees", "UBND tỉnh thành phê duyệt giá đất; HĐND tỉnh thành họp; UBND tỉnh họp.", ["UBND tỉnh"], []),
    # a police department or an editorial team with a lower-case head, and its code with no count
    # after it; not the end of a word (Quốc phòng, Trưởng phòng, giỗ tổ)
    ("lower_case_department", "Lực lượng phòng Cảnh sát kinh tế, Công an tỉnh bắt giữ; phòng PA71 50 triệu đồng; "
     "tổ Biên tập họp; Tùy viên Quốc phòng Úc, Phó phòng CSGT Đường bộ dự lễ giỗ tổ Hùng Vương.",
     ["phòng Cảnh sát kinh tế", "Công an tỉnh", "phòng PA71", "tổ Biên tập"], [("LOC", "Úc")]),
    # a legal form alone names no company, unless another body's name follows it
    ("legal_form_alone", "Doanh nghiệp hoạt động dưới hình thức công ty cổ phần; Công ty CP Tập đoàn Phúc Lộc thi công.",
     ["Công ty CP Tập đoàn Phúc Lộc"], []),
    # a body named by its building is the building after a preposition of place
    ("seat_as_place", "Thủ tướng làm việc tại Nhà Trắng. Nhà Trắng cũng từ chối bình luận.", ["Nhà Trắng"], []),
    # a foreign paper's name with its article, after a media word too
    ("paper_with_article", "Theo tờ The Washington Post ngày 10/2 và The New York Times, ông Trump nói.",
     ["The Washington Post", "The New York Times"], [("LOC", "Washington"), ("LOC", "New York")]),
    # a sentence whose full stop is missing: its first word is no part of the body before it
    ("missing_full_stop", "Ông A, Chi cục trưởng Chi cục Kiểm lâm tỉnh Vĩnh Phúc Theo ông A thì khác.",
     ["Chi cục Kiểm lâm tỉnh Vĩnh Phúc"], [("LOC", "Vĩnh Phúc")]),
    # "T.Ư" (Trung ương) is one abbreviation inside a name; "BCH" is the executive committee
    ("central_abbreviation", "Chủ tịch Ủy ban T.Ư MTTQVN Nguyễn Thiện Nhân và Chủ tịch BCH T.Ư Hội NDVN Lại Xuân Môn dự.",
     ["Ủy ban T.Ư MTTQVN", "BCH T.Ư Hội NDVN"], [("PERSON", "Nguyễn Thiện Nhân"), ("PERSON", "Lại Xuân Môn")]),
    # a cabinet is a body, alone or with its country
    ("cabinet", "Chánh Văn phòng Nội các Nhật Bản Yoshihide Suga dự; Nội các mới của Pháp họp.",
     ["Văn phòng Nội các Nhật Bản", "Nội các"], [("LOC", "Nhật Bản"), ("LOC", "Pháp")]),
    # a military commission with its country, or alone when the article names it
    ("military_commission", "Phó Chủ tịch Quân ủy TƯ Trung Quốc Phạm Trường Long dẫn đầu; Phó Chủ tịch Quân ủy Phạm Trường Long nói.",
     ["Quân ủy TƯ Trung Quốc", "Quân ủy"], [("LOC", "Trung Quốc"), ("PERSON", "Phạm Trường Long")]),
    # a committee named by one city, spelt out and abbreviated, is that city's, also bare
    ("one_city_two_spellings", "Thành ủy TP. Hồ Chí Minh họp. Thành ủy TP.HCM quyết định; uy tín của Thành ủy giảm.",
     ["Thành ủy TP. Hồ Chí Minh", "Thành ủy TP.HCM", "Thành ủy"], [("LOC", "Hồ Chí Minh"), ("LOC", "TP.HCM")]),
    # a spaced dash before a second body's name joins no name; a field's dash does
    ("dash_between_bodies", "Chương trình do Quỹ Tấm lòng Việt - Đài Truyền hình Việt Nam tổ chức; Ban Văn hóa - Xã hội họp.",
     ["Quỹ Tấm lòng Việt", "Đài Truyền hình Việt Nam", "Ban Văn hóa - Xã hội"], [("LOC", "Việt Nam")]),
    # a journalist is no paper: "nhà báo" + a name
    ("journalist_not_paper", "Nhà báo Phan Đăng gửi thư; nhà báo Deniz Yudzel bị bắt; báo Tuổi Trẻ đưa tin.",
     ["Tuổi Trẻ"], []),
    # a lower-case "bộ"/"ban" before a name written as the lexicon writes it; not "người dân Việt Nam"
    ("lower_case_head", "Ủy viên bộ Chính trị, Thủ tướng Chính phủ phát biểu trước người dân Việt Nam.",
     ["bộ Chính trị", "Chính phủ"], [("LOC", "Việt Nam")]),
    # a head's name written in lower case up to the body it belongs to is one body
    ("head_lower_name_body", "Đoàn đại biểu Ban công tác đặc biệt Chính phủ Việt Nam do Thượng tướng Lê Chiêm dẫn đầu.",
     ["Ban công tác đặc biệt Chính phủ Việt Nam"], [("LOC", "Việt Nam")]),
    # ... but not from a title ("Viện phó"), nor over "thuộc"
    ("title_not_head", "Ông Linh, nguyên Viện phó VKSND TP. Đà Nẵng; đại diện một số Vụ, Cục thuộc Bộ Tài chính dự.",
     ["VKSND TP. Đà Nẵng", "Bộ Tài chính"], [("POSITION", "Viện phó VKSND TP. Đà Nẵng")]),
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
    # a delegation named by the body it comes from is that body; the Youth Union and a province's deputies are bodies of their own
    ("delegation_of_a_body", "Phó Chủ tịch Quốc hội tiếp Đoàn Ủy ban Quân vụ Hạ viện Hoa Kỳ; Đoàn Thanh niên Cộng sản Hồ Chí Minh dự.",
     ["Quốc hội", "Ủy ban Quân vụ Hạ viện Hoa Kỳ", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"], []),
    # a royal house, and a royal armed service, by its country
    ("royal", "Hoàng gia Nhật Bản mời; Quân đội Hoàng gia Campuchia và Hải quân Hoàng gia Úc dự.",
     ["Hoàng gia Nhật Bản", "Quân đội Hoàng gia Campuchia", "Hải quân Hoàng gia Úc"], []),
    # "và" joins two words of a name, not a name and the next title
    ("and_before_a_title", "Chất vấn Bộ trưởng Bộ Văn hóa - Thể thao & Du lịch và Bộ trưởng Bộ Y tế.",
     ["Bộ Văn hóa - Thể thao & Du lịch", "Bộ Y tế"], []),
    # an office named after "chức" whose body goes on in lower case: the body is an ORG to the same end,
    # and "và ông" closes it as a comma would
    ("office_body_tail", "Ông Thi Danh nhận chức Trưởng Ban Bồi thường giải phóng mặt bằng quận và ông Nguyễn Duy Linh làm kế toán.",
     ["Ban Bồi thường giải phóng mặt bằng quận"],
     [("POSITION", "Trưởng Ban Bồi thường giải phóng mặt bằng quận"), ("PERSON", "Nguyễn Duy Linh")]),
    # a board and the company abbreviated before: one body
    ("board_of_abbreviated_company", "Tổng công ty Bưu điện (VNP) họp. Chủ tịch HĐTV VNP ký quyết định.",
     ["Tổng công ty Bưu điện", "VNP", "HĐTV VNP"], []),
    # a province's delegation to the National Assembly with a lower-case "đoàn"; without its province, any delegation
    ("delegation_lower_case", "Ngày 23/4, đoàn ĐBQH TP. Đà Nẵng tiếp xúc cử tri; kiến nghị gửi đoàn đại biểu Quốc hội và HĐND.",
     ["đoàn ĐBQH TP. Đà Nẵng", "Quốc hội", "HĐND"], []),
    # foreign papers, agencies and broadcasters the press cites by name (orgs.tsv)
    ("foreign_media", "Các báo quốc tế như Reuters, Forbes, VOA, Manila Bulletin đã đưa tin.",
     ["Reuters", "Forbes", "VOA", "Manila Bulletin"], []),
    # a lower-case "đài" stays outside the broadcaster's name, as "báo" does; a capitalised one opens it
    ("broadcaster_word", "Theo đài NHK, Đài Tiếng nói Việt Nam cũng đưa tin.", ["NHK", "Đài Tiếng nói Việt Nam"], []),
    # an abbreviation the article defines for lower-case words is not the broadcaster of that name
    ("common_noun_abbreviation", "Người dân được nhập hộ khẩu (NHK) vào thành phố. Điều kiện NHK được nới.", [], []),
    # two agencies in one credit: the second is no document code's issuer
    ("credit_two_agencies", "Thủ tướng Anh phát biểu. (Nguồn: EPA/TTXVN) Ngày 10/6, bà May nói.", ["EPA", "TTXVN"], []),
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
    # round 2: a unit numbered in Roman numerals
    ("roman_number", "Tư lệnh Quân khu IV đến thăm Quân đoàn II.", ["Quân khu IV", "Quân đoàn II"], []),
    # a lower-case tail joined by "và", and one with a spaced hyphen between two words
    ("lower_tail_with_and", "Ông Nam, Phó Cục trưởng Cục Quản lý giá và Tài chính doanh nghiệp, cho biết.",
     ["Cục Quản lý giá và Tài chính doanh nghiệp"], []),
    ("lower_tail_with_hyphen", "Bà Hà, Viện Nghiên cứu kinh tế - xã hội Hải Phòng, phát biểu.",
     ["Viện Nghiên cứu kinh tế - xã hội Hải Phòng"], []),
    # "quốc gia" / "quốc tế" in lower case end a name even mid-sentence
    ("lower_tail_national", "Theo khuyến nghị của Viện Thủy văn quốc gia thì mưa sẽ giảm.",
     ["Viện Thủy văn quốc gia"], []),
    # a company's name goes on in lower case too
    ("company_lower_tail", "Ông có nhiều đóng góp cho Tập đoàn Than khoáng sản Việt Nam và các đơn vị.",
     ["Tập đoàn Than khoáng sản Việt Nam"], []),
    # a ministry's name is closed, and a verb after a name is the sentence's
    ("ministry_then_verb", "Đại diện Bộ Tài chính nhấn mạnh, Công ty Hòa Bình mong muốn hợp tác.",
     ["Bộ Tài chính", "Công ty Hòa Bình"], []),
    # "Chính phủ kiến tạo", "Chính phủ điện tử": a model of government; "Nhà Quốc hội": a building
    ("government_model", "Tỉnh xây dựng Chính phủ điện tử theo tinh thần Chính phủ kiến tạo.", [], []),
    # ... but "Chính phủ liêm chính" is annotated as the body itself
    ("government_clean", "Quyết tâm xây dựng Chính phủ liêm chính, hành động.", ["Chính phủ"], []),
    ("parliament_building", "Hội nghị diễn ra tại Nhà Quốc hội sáng nay.", [], []),
    # "Tỉnh ủy viên": a member, not the committee
    ("committee_member", "Ông Hùng, Tỉnh uỷ viên, Giám đốc Sở Xây dựng, phát biểu.", ["Sở Xây dựng"], []),
    # "Thường trực" after a title belongs to the title; "Thường trực Ban Bí thư" is a title
    ("standing_after_title", "Phó Thủ tướng Thường trực Chính phủ Lê Văn Hòa chủ trì.", ["Chính phủ"], []),
    ("standing_member_secretariat", "Thường trực Ban Bí thư Trần Văn Minh dự họp.", ["Ban Bí thư"], []),
    # "chiến trường", "quảng trường": no school
    ("field_not_school", "Ông hy sinh ở chiến trường Bình Long, gần quảng trường Lam Sơn.", [], []),
    # a place whose first syllable is a head: "Trường Sa" is no school
    ("place_like_head", "Đoàn công tác thăm quần đảo Trường Sa.", [], []),
    # a surname that is also a head, after a rank: a person
    ("surname_head_after_rank", "Trao đổi với chúng tôi, Đại tá Đoàn Văn Hải cho biết.", [],
     [("PERSON", "Đoàn Văn Hải")]),
    # a paper after "PV" (the reporter is nothing); a reporter's own name is no paper
    ("paper_after_reporter", "Trao đổi với PV Người Đưa Tin, ông nói. PV Nguyễn An ghi lại.", ["Người Đưa Tin"], []),
    # "Tư lệnh": "Tư" is no abbreviation of "Trung ương" ("TƯ")
    ("tu_is_not_central", "Ông là Phó Tư lệnh Quân chủng Hải quân.", ["Quân chủng Hải quân"], []),
    # a company's descriptive words joined by "và" before its proper name
    ("company_trade_words_with_and", "Họ chọn Công ty CP xây dựng và phát triển đô thị Hưng Thịnh để thay thế.",
     ["Công ty CP xây dựng và phát triển đô thị Hưng Thịnh"], []),
    # a foreign word right after a name belongs to it; a foreign person's name after a body does not
    ("foreign_suffix", "Theo Thanh Niên Online, Sabeco Land đã giải thể. Chủ tịch Sabeco Michael Ross nói.",
     ["Thanh Niên Online", "Sabeco Land", "Sabeco"], []),
    # plants, publishers and clubs: a trade word may come before the name; "xuất bản" holds no village
    ("plant_publisher_club", "Nhà máy nhiệt điện Vĩnh Tân 1 ngừng. Sách do Nhà xuất bản Quân đội Nhân dân in. CLB TPHCM thắng.",
     ["Nhà máy nhiệt điện Vĩnh Tân 1", "Nhà xuất bản Quân đội Nhân dân", "CLB TPHCM"], []),
    # a company written in words, abbreviated in brackets: the name runs to the bracket, the abbreviation is the company again
    ("company_abbreviated", "Dự án do tổng công ty Đầu tư phát triển đường cao tốc Việt Nam (VEC) làm chủ. Sau đó VEC đã ký. Luật Doanh nghiệp (LDN) quy định.",
     ["tổng công ty Đầu tư phát triển đường cao tốc Việt Nam", "VEC", "VEC"], []),
    # brands: a company, except where they name a product (after a vehicle word or before a model code)
    ("brand_or_product", "Toyota giảm giá. Ông dùng xe Lexus LX570 và điện thoại Samsung. U20 Việt Nam thắng.",
     ["Toyota", "U20 Việt Nam"], []),
    # a school named after a person or a place is a school
    ("schools", "Cô dạy ở Trường THPT Hoàng Văn Thụ, trường tiểu học Điện Biên và Trường THCS Nguyễn Du.",
     ["Trường THPT Hoàng Văn Thụ", "trường tiểu học Điện Biên", "Trường THCS Nguyễn Du"], []),
    # the association named elliptically after it was named in full ("Hội nghị" is a meeting, no body)
    ("association_elliptic", "Hội Luật gia tỉnh Hà Giang họp. Công tác tổ chức Hội được củng cố; vai trò của Hội tăng; hội nghị bế mạc.",
     ["Hội Luật gia tỉnh Hà Giang", "Hội", "Hội"], []),
    ("council_and_paper_elliptic", "Hội đồng Lý luận Trung ương họp; Báo Nhân Dân đưa tin. Phóng viên của Báo hỏi; thành viên Hội đồng trả lời.",
     ["Hội đồng Lý luận Trung ương", "Báo Nhân Dân", "Báo", "Hội đồng"], []),
    # the Party committee of a bloc of agencies; an online paper; an adverb ends a name
    ("bloc_paper_adverb", "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh Quảng Trị kỷ luật; Bộ trưởng chúc mừng Báo điện tử Tổ Quốc; yêu cầu Cục Nghệ thuật Biểu diễn nghiêm túc rút kinh nghiệm.",
     ["Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh Quảng Trị", "Báo điện tử Tổ Quốc", "Cục Nghệ thuật Biểu diễn"], []),
    # "Cty", the press's short form of "Công ty"
    ("cty", "Giám đốc Cty CP Tasco Nam Thái cho biết; Cty TNHH Hoàng Long bị phạt.",
     ["Cty CP Tasco Nam Thái", "Cty TNHH Hoàng Long"], []),
    # EU institutions; a foreign surname after a name ending in a place is no part of it; T.Ư with dots
    ("eu_bodies", "Chủ tịch Ủy ban châu Âu Juncker, Chủ tịch Nghị viện châu Âu Tajani và Chủ tịch Ủy ban T.Ư MTTQ Việt Nam dự.",
     ["Ủy ban châu Âu", "Nghị viện châu Âu", "Ủy ban T.Ư MTTQ Việt Nam"], []),
    # each ministry of a list after "các Bộ:" or "các bộ, ngành:" (not the lower-case "các bộ:")
    ("listed_ministries", "Thủ tướng giao các Bộ: KH&ĐT, Tài chính, Xây dựng và Ngân hàng Nhà nước; lấy ý kiến các bộ: Quốc phòng, Công an.",
     ["KH&ĐT", "Tài chính", "Xây dựng", "Ngân hàng Nhà nước"], []),
    # a party after a lower-case "đảng": the name alone, as with papers; a communist party whole
    ("parties", "Bà May của đảng Bảo thủ và đảng Hợp nhất Dân chủ (DUP) nhất trí; DUP ủng hộ. Tổng bí thư đảng Cộng sản Trung Quốc, các ban đảng Trung ương, Công đảng.",
     ["Bảo thủ", "Hợp nhất Dân chủ", "DUP", "DUP", "đảng Cộng sản Trung Quốc", "Công đảng"], []),
    # capitalised in mid-sentence, "Đảng" is part of the party's name; the bare word is none
    ("party_capitalised", "Ông Castaner thuộc Đảng Xã hội; xây dựng Đảng trong sạch.", ["Đảng Xã hội"], []),
    # two parties joined by "và"; a party's country after a capitalised Đảng
    ("parties_joined", "Hai đảng Dân chủ và Cộng hòa ủng hộ quan hệ giữa Đảng PAP và Đảng Hành động Nhân dân Singapore.",
     ["Dân chủ", "Cộng hòa", "Đảng PAP", "Đảng Hành động Nhân dân Singapore"], []),
    # the councils being elected, without a place, are all of them; with a place, one body
    ("councils_elected", "Chờ ngày bầu cử HĐND ba cấp; ứng cử viên đại biểu HĐND thành phố; ứng cử đại biểu Quốc hội.",
     ["HĐND thành phố", "Quốc hội"], []),
    # a capitalised "Chính quyền" before a country is its administration; before a bare prefix, generic
    ("administration", "Thay mặt Chính quyền Hoa Kỳ, ông phát biểu. Chính quyền tỉnh sẽ hỗ trợ; chính quyền Syria.",
     ["Chính quyền Hoa Kỳ"], []),
    # a team named after its head "Tổ" (not "Tổ quốc", "TỔ CHỨC", a heading)
    ("team", "Tổ trưởng Tổ Công tác của Chính phủ yêu cầu. Tổ quốc ghi công. IV- TỔ CHỨC THỰC HIỆN.",
     ["Tổ Công tác", "Chính phủ"], []),
    # investigating agencies by their abbreviation, with the police they belong to
    ("investigating_agency", "Cơ quan CSĐT Công an Hà Tĩnh khởi tố; Cơ quan An ninh điều tra Bộ Công an vào cuộc.",
     ["Cơ quan CSĐT Công an Hà Tĩnh", "Cơ quan An ninh điều tra Bộ Công an"], []),
    # a law named after a body names no body; a body further inside a law's name is one
    ("law_named_after_a_body", "Quốc hội cho ý kiến Luật Công an xã, Luật Cảnh sát biển và Luật Tổ chức Quốc hội.",
     ["Quốc hội", "Quốc hội"], []),
    # "Hồ Chí Minh" after a city prefix is the city the body belongs to, not a person
    ("hcmc_body", "UBND TP Hồ Chí Minh và Thành ủy Thành phố Hồ Chí Minh họp; Chủ tịch UBND tỉnh Trần Văn Hưng dự.",
     ["UBND TP Hồ Chí Minh", "Thành ủy Thành phố Hồ Chí Minh", "UBND tỉnh"], []),
    # a full name after a school named after a person is its head's, not the school's
    ("school_then_head", "Hiệu trưởng Trường THPT Chu Văn An Nguyễn Văn Hùng và học sinh Trường THPT Nguyễn Thị Minh Khai dự.",
     ["Trường THPT Chu Văn An", "Trường THPT Nguyễn Thị Minh Khai"], []),
    # a name never ends inside a word; a place ends it though the next syllables make a word ("Cần Thơ mới")
    ("whole_words", "Phóng viên Báo Đầu tư Bất động sản đến Cục Đăng ký quốc gia. Đến nay UBND TP. Cần Thơ mới ra quyết định.",
     ["Báo Đầu tư Bất động sản", "Cục Đăng ký", "UBND TP. Cần Thơ"], []),
    # "TP. HCM" with a space; the supreme procuracy capitalised; a mountain range that opens like a school
    ("hcm_and_supreme", "Chủ tịch UBND TP. HCM chuyển hồ sơ sang VKSND Tối cao. Họ xẻ dọc Trường Sơn đi cứu nước.",
     ["UBND TP. HCM", "VKSND Tối cao"], [("LOC", "HCM"), ("LOC", "Trường Sơn")]),
    # a code of law is no ministry, however it is capitalised
    ("code_of_law", "Ông vi phạm Điều 104 Bộ Luật hình sự. Bộ Tư pháp hướng dẫn.", ["Bộ Tư pháp"], []),
    # army units named by their arm and number; ministries in general; a lower-case "quân sự" ends a name
    ("arm_units_and_generic_ministries", "Sư đoàn Không quân 370 và Tiểu đoàn Đặc công 1 giúp Bộ, ngành, địa phương. Cục Khoa học quân sự báo cáo.",
     ["Sư đoàn Không quân 370", "Tiểu đoàn Đặc công 1", "Cục Khoa học quân sự"], []),
    # ... also when the arm is written in lower case; a title or a count after the head is no unit
    ("arm_units_lower_case", "Lữ đoàn xe tăng 203 và Sư đoàn phòng không 673 tiến công. Sư đoàn huấn luyện 3 tháng. Ông là Sư đoàn trưởng 312.",
     ["Lữ đoàn xe tăng 203", "Sư đoàn phòng không 673"], []),
    # a company's name closed by its number or a foreign brand takes no lower-case word after it
    ("company_name_then_verb", "Bộ Công Thương, Công ty TNHH Điện lực Vĩnh Tân 1 nghiên cứu, tiếp thu. Việc công ty Alibaba tự nhận là sai.",
     ["Bộ Công Thương", "Công ty TNHH Điện lực Vĩnh Tân 1", "công ty Alibaba"], []),
    # naval and coast-guard regions with their command; a wage zone is no region
    ("naval_regions", "Bộ tư lệnh vùng cảnh sát biển 4 và Tư lệnh vùng 2 Hải quân dự. Lương tối thiểu vùng 1 tăng.",
     ["Bộ tư lệnh vùng cảnh sát biển 4", "vùng 2 Hải quân"], [("POSITION", "Tư lệnh vùng 2 Hải quân")]),
    # the small units of a regiment by their number
    ("small_units", "Thượng sĩ Trung (Trung đội 4, Đại đội 2) và Hải đội 1, Binh đoàn 15.",
     ["Trung đội 4", "Đại đội 2", "Hải đội 1", "Binh đoàn 15"], []),
    # a body's lower-case tail runs to a whole place, not into the name after it; a term of office is no place
    ("tail_to_whole_place", "Giám đốc Sở Nội vụ tỉnh An Giang Ngô Hồng Yến đọc. Chủ tịch Hội Luật gia tỉnh Khoá XIII tái cử.",
     ["Sở Nội vụ tỉnh An Giang", "Hội Luật gia tỉnh"], [("PERSON", "Ngô Hồng Yến"), ("LOC", "An Giang")]),
    # papers named "... nhân dân"; national bodies by their abbreviations; social insurance only with its place
    ("papers_and_abbreviations", "Theo báo An ninh nhân dân, TTCP và BHXH TP Hà Nội họp. Công nhân đóng BHXH đầy đủ.",
     ["An ninh nhân dân", "TTCP", "BHXH TP Hà Nội"], []),
    # a code in brackets after a body is its abbreviation, and so are its later uses; a year or a term is none
    ("bracket_codes", "Trung đoàn Cảnh sát cơ động (PK20E) nhận 20 triệu. PK20E đã phá án. Sư đoàn 5 (1975) và Quân khu 4 (XII) họp.",
     ["Trung đoàn Cảnh sát cơ động", "PK20E", "PK20E", "Sư đoàn 5", "Quân khu 4"], []),
    # a diplomatic mission with its country and the country it is in; a ministry's name written loosely
    ("missions", "Đại sứ quán Úc tại Việt Nam và Tổng Lãnh sự quán Mỹ tại TP.HCM dự. Bộ Kế hoạch đầu tư báo cáo.",
     ["Đại sứ quán Úc tại Việt Nam", "Tổng Lãnh sự quán Mỹ tại TP.HCM", "Bộ Kế hoạch đầu tư"], []),
    # a museum of a named body
    ("museum_of_body", "Ông tặng lại Bảo tàng Quân khu 7 nhiều hiện vật.", ["Bảo tàng Quân khu 7"], []),
    # a Party delegation of a body, whatever the case of "đoàn"
    ("party_delegation", "Đảng Đoàn Quốc hội đã họp với Đảng đoàn Mặt trận Tổ quốc Việt Nam.",
     ["Đảng Đoàn Quốc hội", "Đảng đoàn Mặt trận Tổ quốc Việt Nam"], []),
    # a gold shop with its name, written in lower case; the bare shop is nothing
    ("gold_shop", "Đối với tiệm vàng Kim Hoa, xử phạt 200 triệu. Chủ tiệm vàng từ chối.", ["tiệm vàng Kim Hoa"], []),
    # the people's police as a category is no body; its full name is
    # a body known by its number, and a name after the number
    ("numbered_body", "Xe trinh sát được giao cho Tổng cục 2. Đội 3 Đặc nhiệm tiến công.",
     ["Tổng cục 2", "Đội 3 Đặc nhiệm"], []),
    # a steering committee named by its head alone after its full name; "Ban Chỉ đạo về ..." is a longer name
    ("bare_steering_committee", "Bộ Chính trị hoan nghênh Ban Chỉ đạo đã tập hợp ý kiến.",
     ["Bộ Chính trị", "Ban Chỉ đạo"], []),
    ("steering_committee_longer_name", "Ban Chỉ đạo về phòng chống lụt bão họp sáng nay.", [], []),
    ("police_force_category", "Công dân tham gia Công an nhân dân hai năm. Công an nhân dân Việt Nam tuyển quân.",
     ["Công an nhân dân Việt Nam"], []),
]


@pytest.mark.parametrize("text,orgs,also", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_org_spans(text, orgs, also):
    spans = find_people_spans(text)
    got = [m.text for m in sorted(spans, key=lambda m: m.start) if m.label == "ORG"]
    assert got == orgs
    for label, surface in also:
        assert any(m.label == label and m.text == surface for m in spans), (label, surface)

"""PERSON and LOC patterns found on unseen articles: one invented sentence per pattern.

Each case gives the PERSON and LOC spans expected (text of the span); a span listed under
``absent`` must not be found with that label.
"""
from __future__ import annotations

import pytest

from extract.extractors.context import is_foreign
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
    # a web address is no place ("VOV.VN"); a fused city abbreviation is one
    ("web_address_not_place", "Phóng viên VOV.VN ghi nhận tại TP.HCM.",
     {("LOC", "TP.HCM")}, {("LOC", "VN")}),
    ("capital_district_and_region", "Trưa 31/5 theo giờ Washington DC, bàn về khu vực Châu Á Thái Bình Dương.",
     {("LOC", "Washington DC"), ("LOC", "Châu Á Thái Bình Dương")}, {("LOC", "Washington")}),
    # a source agency in brackets after a byline is no name and no original spelling
    ("byline_source_agency", "Câu cuối của bài.\nHà Kim (Theo RT)\n",
     {("PERSON", "Hà Kim")}, {("PERSON", "Theo RT"), ("PERSON", "RT")}),
    # the holder after a title and its body; a foreign family name joined by a hyphen
    ("holder_after_body", "Phát ngôn viên Nhà Trắng Sean Spicer và Chủ tịch Thượng viện Ankie Broekers-Knol dự.",
     {("PERSON", "Sean Spicer"), ("PERSON", "Ankie Broekers-Knol")}, {("PERSON", "Nhà Trắng Sean Spicer"), ("PERSON", "Ankie Broekers")}),
    # "Âu" is a family name, but not inside "châu Âu"
    ("no_name_inside_a_place", "Chủ tịch Nghị viện châu Âu Tajani phát biểu.",
     {("LOC", "châu Âu")}, {("PERSON", "Âu Tajani")}),
    # a numbered district or ward fused with its abbreviated prefix is one place
    ("numbered_abbreviated", "Trong khi Q.2 tội phạm tăng thì ở Q.9 giảm; trạm y tế P.16 tốt.",
     {("LOC", "Q.2"), ("LOC", "Q.9"), ("LOC", "P.16")}, set()),
    # a title after "TP." opens the next sentence; it names no city
    ("title_after_abbreviated_prefix", "Mức giảm của Công an TP. Bí thư Đinh La Thăng đánh giá cao; UBND TP. Cần Thơ họp.",
     {("PERSON", "Đinh La Thăng"), ("LOC", "Cần Thơ")}, {("LOC", "Bí")}),
    # ... so do a common word and a credit after "TP."; a city's name does not
    ("new_sentence_after_abbreviated_prefix", "Vũ khí được chuyển về TP. Nắm bắt tập quán, ông về TP. Vinh. Ông làm việc ở TP. Nguồn: Zing News",
     {("LOC", "Vinh")}, {("LOC", "Nắm"), ("LOC", "Nguồn")}),
    # "TP." with a space before the name is a separate prefix; fused it is one place
    ("spaced_city_prefix", "Thành ủy TP. Hồ Chí Minh họp; đoàn đến TP.HCM và TP.Hồ Chí Minh.",
     {("LOC", "Hồ Chí Minh"), ("LOC", "TP.HCM"), ("LOC", "TP.Hồ Chí Minh")}, {("LOC", "TP. Hồ Chí Minh")}),
    # a single foreign name right after an office is the person, unless the article writes the
    # full name too (then the lone surname is left out); a Vietnamese given name alone never
    ("lone_foreign_name_after_office", "Nhà vua Nhật Bản Akihito và Tổng thống Thổ Nhĩ Kỳ Erdogan dự. Tổng thống Trump "
     "gặp ông Donald Trump. Bí thư Thăng nói.",
     {("PERSON", "Akihito"), ("PERSON", "Erdogan"), ("PERSON", "Donald Trump")}, {("PERSON", "Trump"), ("PERSON", "Thăng")}),
    # a photographer named like a district (districts are named like people)
    ("credit_named_like_a_district", "Bộ trưởng thăm cảng sáng 12/7. Ảnh: Hải An. Theo Bộ trưởng thì năm nay tốt.",
     {("PERSON", "Hải An")}, {("LOC", "Hải An")}),
    # foreign capitals and regions of the lexicon
    ("foreign_cities_regions", "Thủ tướng phát biểu tại Bucharest; gói tài chính cho Bắc Ireland.",
     {("LOC", "Bucharest"), ("LOC", "Bắc Ireland")}, {("LOC", "Ireland")}),
    # a commune's hero title between its prefix and its name
    ("hero_commune", "Ông trở lại xã Anh hùng Trí Phải, huyện Thới Bình.",
     {("LOC", "Trí Phải"), ("LOC", "Thới Bình")}, {("LOC", "Anh")}),
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
    # "Chính" ends a name unless it opens "Chính phủ", "Chính trị", "Chính ủy"
    ("name_ends_in_chinh", "Đồng chí Trần Văn Chính cho biết kế hoạch đã xong.",
     {("PERSON", "Trần Văn Chính")}, {("PERSON", "Trần Văn")}),
    ("chinh_phu_after_name", "Thủ tướng Lê Văn Hòa Chính phủ đã họp.",
     {("PERSON", "Lê Văn Hòa")}, {("PERSON", "Lê Văn Hòa Chính")}),
    # "tư tưởng", "Chủ tịch" before Hồ Chí Minh: the man; after a city prefix: the city
    ("ho_chi_minh_the_man", "Đoàn viên học tập tư tưởng Hồ Chí Minh trong tháng này.",
     {("PERSON", "Hồ Chí Minh")}, {("LOC", "Hồ Chí Minh")}),
    ("ho_chi_minh_the_city", "Đoàn công tác đến TP Hồ Chí Minh trong tháng này.",
     {("LOC", "Hồ Chí Minh")}, {("PERSON", "Hồ Chí Minh")}),
    # a name cut to an initial keeps the initial's dot
    ("initial_keeps_dot", "Nạn nhân là ông Lò Văn K. (40 tuổi) trú tại bản.",
     {("PERSON", "Lò Văn K.")}, {("PERSON", "Lò Văn K")}),
    # a title or body word going on in lower case is no part of a name
    ("title_piece_no_name", "Dự họp có các đồng chí Phó Chủ tịch UBND tỉnh.",
     set(), {("PERSON", "Phó Chủ")}),
    ("body_piece_no_name", "Tư lệnh Bộ Tư lệnh Ấn Độ Dương Quân đội Anh đến thăm.",
     set(), {("PERSON", "Ấn Độ Dương Quân")}),
    # initials of a body after "Q." are no district
    ("q_initial_no_district", "Công ty Hòa Bình Bộ Q. P ký hợp đồng mới.",
     set(), {("LOC", "P")}),
    # foreign and historical places from the lexicon
    ("historic_places", "Ông học ở Liên Xô, Cu Ba rồi công tác tại Phúc Kiến.",
     {("LOC", "Liên Xô"), ("LOC", "Cu Ba"), ("LOC", "Phúc Kiến")}, set()),
    # places listed after one prefix, after a count, or in brackets
    ("places_listed_after_prefix", "Người dân hai xã Tân Lộc và Vĩnh Hòa được miễn phí.",
     {("LOC", "Tân Lộc"), ("LOC", "Vĩnh Hòa")}, set()),
    ("places_in_brackets", "Sáp nhập 3 xã (Tân Minh, Tân Hòa, Tân Phú) vào thị trấn.",
     {("LOC", "Tân Minh"), ("LOC", "Tân Hòa"), ("LOC", "Tân Phú")}, set()),
    ("place_list_stops_at_body", "Đoàn làm việc với tỉnh Cao Bằng, Bộ Công an và UBND tỉnh.",
     {("LOC", "Cao Bằng")}, {("LOC", "Bộ Công"), ("LOC", "Bộ Công an")}),
    ("place_list_stops_at_person", "Tại xã Tân Lập, Nguyễn Văn Bình cho biết mưa lớn.",
     {("LOC", "Tân Lập"), ("PERSON", "Nguyễn Văn Bình")}, {("LOC", "Nguyễn Văn Bình")}),
    ("place_list_stops_at_rank", "Có mặt Chủ tịch UBND TP. HCM, Thiếu tướng Lê Văn Sơn.",
     {("PERSON", "Lê Văn Sơn")}, {("LOC", "Thiếu")}),
    # a degree written short before a name is no part of it, and does not hide it
    ("degree_before_name", "Tham dự có KTS Đỗ Văn Tâm, người thiết kế công trình.",
     {("PERSON", "Đỗ Văn Tâm")}, set()),
    ("degree_after_rank", "Như Thượng tướng GS Lê Minh Quân đã đánh giá.",
     {("PERSON", "Lê Minh Quân")}, {("PERSON", "GS Lê Minh Quân")}),
    # mountains, passes, capes, industrial and economic zones keep their name as LOC
    ("pass_and_cape", "Dự án trên đèo Ngang tại mũi Rồng bị dừng.",
     {("LOC", "Ngang"), ("LOC", "Rồng")}, set()),
    ("industrial_zone", "Khu công nghiệp Tân Hương đã lấp đầy 90%.",
     {("LOC", "Tân Hương")}, set()),
    # compass points after "phía", "hướng" or going on in lower case are directions
    ("direction_after_phia", "Xã nằm cách thành phố 20 km về phía Tây Bắc.",
     set(), {("LOC", "Tây Bắc")}),
    ("direction_lower_case", "Đây là đầu mối giao thông vùng Tây bắc huyện Yên Định.",
     {("LOC", "Yên Định")}, {("LOC", "Tây")}),
    ("region_still_place", "Đồng bào vùng Tây Bắc đón Tết.",
     {("LOC", "Tây Bắc")}, set()),
    # a role noun before a foreign name
    ("foreign_name_after_role", "Người phát ngôn Park Ji-hoon nói. Giáo sư Peter Lang nhận định.",
     {("PERSON", "Park Ji-hoon"), ("PERSON", "Peter Lang")}, set()),
    # a one-syllable country between a title and a foreign name is the country
    ("country_before_foreign_name", "Tổng thống Mỹ Donald Trump và ca sĩ Mỹ Linh dự tiệc.",
     {("LOC", "Mỹ"), ("PERSON", "Donald Trump"), ("PERSON", "Mỹ Linh")}, set()),
    # "Hàn" names Korea beside another country and a dash
    ("han_in_country_pair", "Cuộc tập trận chung Mỹ - Hàn diễn ra, sau đó hội nghị Hàn - Mỹ họp.",
     {("LOC", "Hàn"), ("LOC", "Mỹ")}, set()),
    # a country's short name beside "Việt" and a dash; the press's VN and TQ next to titles and names
    ("short_names_in_pair", "Giao lưu biên giới Việt-Trung lần thứ 4, Chủ tịch TQ Tập Cận Bình và Bộ trưởng Quốc phòng VN Ngô Xuân Lịch.",
     {("LOC", "Việt"), ("LOC", "Trung"), ("LOC", "TQ"), ("LOC", "VN"), ("PERSON", "Tập Cận Bình"), ("PERSON", "Ngô Xuân Lịch")},
     {("PERSON", "TQ Tập Cận Bình")}),
    # a caption with no full stop: the next sentence's first word is no part of the name
    # a credit's given name runs into the next sentence the same way
    ("credit_runs_into_sentence", "Thủ tướng phát biểu. Ảnh: VGP/Quang Hiếu Nhất trí với báo cáo, Thủ tướng yêu cầu.",
     {("PERSON", "Quang Hiếu")}, {("PERSON", "Quang Hiếu Nhất")}),
    ("caption_runs_into_sentence", "Thủ tướng tiếp Thượng tướng Phạm Trường Long Cảnh giác trước âm mưu. Bà Tôn Nữ Thị Ninh nói.",
     {("PERSON", "Phạm Trường Long"), ("PERSON", "Tôn Nữ Thị Ninh")}, {("PERSON", "Phạm Trường Long Cảnh")}),
    # a bus route of streets named after people; a credit to a website
    ("route_of_streets", "Lộ trình: Nhà hát lớn - Tràng Tiền - Lý Thường Kiệt - Phan Chu Trinh - Lê Thái Tổ. Ảnh: Internet Ảnh: Internet. Ông Nguyễn Văn An nói.",
     {("PERSON", "Nguyễn Văn An")}, {("PERSON", "Lý Thường Kiệt"), ("PERSON", "Phan Chu Trinh"), ("PERSON", "Internet Ảnh")}),
    # shaped like a name, but a year of the sixty-year cycle and two compass points
    ("cycle_year_and_compass", "Sau Tết Nguyên đán Đinh Dậu 2017, Quân đoàn 2 tiến công trên hướng Đông Nam.",
     set(), {("PERSON", "Đinh Dậu"), ("PERSON", "Đông Nam")}),
    # a foreign name needs no cue; brands, places and projects spelled the same way are none
    ("foreign_names_without_cue", "Man Utd đã mua Romelu Lukaku từ Everton. Stephen Curry rời Under Armour. Dự án Riverside Garden tại thủ đô Doha Qatar.",
     {("PERSON", "Romelu Lukaku"), ("PERSON", "Stephen Curry"), ("LOC", "Qatar")},
     {("PERSON", "Under Armour"), ("PERSON", "Riverside Garden"), ("PERSON", "Doha Qatar")}),
    # a byline closing the article, with its agency or a note in brackets, or a paper after "Theo"
    ("byline_with_agency", "Các đại biểu thống nhất cao. Xuân Tùng (TTXVN)", {("PERSON", "Xuân Tùng")}, {("PERSON", "TTXVN")}),
    ("byline_slash_agency", "Ông nói. (Ảnh: Daily Mail) Diệu Hương/VOV.VN", {("PERSON", "Diệu Hương")}, {("PERSON", "VN")}),
    ("byline_slash_agency_repeated", "Kết thúc./. Trí Anh/VOV.VN Trí Anh/VOV.VN", set(), {("PERSON", "VN Trí Anh")}),
    # the campaign and the era named after the man are his full name
    ("hcm_campaign", "Thắng lợi của chiến dịch Hồ Chí Minh trong thời đại Hồ Chí Minh.", {("PERSON", "Hồ Chí Minh")}, set()),
    ("byline_compiled", "Bài viết kết thúc.\nTri Thu (t/h) Theo Đời sống Plus", {("PERSON", "Tri Thu")}, {("PERSON", "Đời sống Plus")}),
    ("byline_and_paper", "Bài viết kết thúc.\nNhật Minh / Theo Trí Thức Trẻ", {("PERSON", "Nhật Minh")}, {("PERSON", "Trí Thức Trẻ")}),
    # photographers by their initial and name, dashed: Q. is no district here
    ("byline_initials", "Bài viết kết thúc.\nH.TRIỀU - Q.CHIẾN - G.MINH", {("PERSON", "H.TRIỀU"), ("PERSON", "Q.CHIẾN"), ("PERSON", "G.MINH")},
     {("LOC", "CHIẾN")}),
    # a continent written in lower case, as the press does; a player's two-syllable name after his role
    ("continents_and_roles", "Tại châu Âu và châu Á, HLV Ngọc Sơn khen học trò Bằng Chương; cầu thủ U20 Pháp thắng.",
     {("LOC", "châu Âu"), ("LOC", "châu Á"), ("PERSON", "Ngọc Sơn"), ("PERSON", "Bằng Chương")}, {("PERSON", "U20 Pháp")}),
    # an abbreviation between the rank and the name, and a two-word title right after the name
    ("abbreviation_and_title_around_name", "Thiếu tá QNCN Vũ Thị Nhàn gặp Thứ trưởng Lê Chiêm Trưởng Ban công tác đặc biệt.",
     {("PERSON", "Vũ Thị Nhàn"), ("PERSON", "Lê Chiêm")}, {("PERSON", "QNCN Vũ Thị Nhàn"), ("PERSON", "Lê Chiêm Trưởng")}),
    # a surname that is also a head ("Đoàn") after a body; "Giao" is a given name inside a name
    ("surname_head_after_body", "Chủ nhiệm Văn phòng Chính phủ Đoàn Mạnh Giao nhận huy hiệu; Binh nhì Trần Thị Giao Linh dự.",
     {("PERSON", "Đoàn Mạnh Giao"), ("PERSON", "Trần Thị Giao Linh")}, set()),
    # a quarter word ends a commune's name and the list after it goes on; a country before a foreign name
    ("quarter_word_and_list", "Nhân dân 3 phường An Phú Đông, Thạnh Lộc và Thạnh Xuân dự lễ. Thủ tướng Lào Thongloun Sisoulith phát biểu.",
     {("LOC", "An Phú Đông"), ("LOC", "Thạnh Lộc"), ("LOC", "Thạnh Xuân"), ("LOC", "Lào"), ("PERSON", "Thongloun Sisoulith")},
     {("LOC", "An Phú")}),
    # the Latin spelling in brackets after a transliterated name
    ("original_spelling", "Đô đốc Miêu Hoa (Miao Hua) và ông Lê Văn Tám (Hà Nội) dự họp.",
     {("PERSON", "Miêu Hoa"), ("PERSON", "Miao Hua"), ("PERSON", "Lê Văn Tám"), ("LOC", "Hà Nội")},
     {("PERSON", "Hà Nội")}),
    # a commune's name where the text says it is a place: after a site word, before its province
    ("commune_after_site_word", "Sư đoàn đánh chiếm căn cứ Long Bình; Nhà máy nhiệt điện Vĩnh Tân 1 hoạt động.",
     {("LOC", "Long Bình"), ("LOC", "Vĩnh Tân")}, set()),
    ("commune_before_its_province", "Ông dạy học ở Tiền Hải (Thái Bình), rồi ở (Đức Huệ, Long An).",
     {("LOC", "Tiền Hải"), ("LOC", "Thái Bình"), ("LOC", "Đức Huệ"), ("LOC", "Long An")}, set()),
    # foreign names: a first name spelled like a country, a particle, a middle initial
    ("foreign_name_shapes", "Tay vợt Jordan Thompson gặp Tổng thống Syria Bashar al-Assad và cháu của John F. Kennedy.",
     {("PERSON", "Jordan Thompson"), ("LOC", "Syria"), ("PERSON", "Bashar al-Assad"), ("PERSON", "John F. Kennedy")},
     {("LOC", "Jordan")}),
    # a foreign-spelled run after "ở"/"tại" is a venue, before a number a product; a city in an event
    ("foreign_runs_that_are_no_people", "Sau thất bại ở Roland Garros, hãng bán Husqvarna Vitpilen 401 tại Paris Air Show.",
     {("LOC", "Paris")}, {("PERSON", "Roland Garros"), ("PERSON", "Husqvarna Vitpilen")}),
    # the later items of a list of streets are streets, not people
    ("street_list", "Mở thêm các tuyến đường như Tân Sơn, Hoàng Hoa Thám, Trần Quốc Hoàn; ông Lê Văn Tám dự.",
     {("PERSON", "Lê Văn Tám")}, {("PERSON", "Hoàng Hoa Thám"), ("PERSON", "Trần Quốc Hoàn")}),
    # after the prefix of a province or city (a closed list) a full name is the office-holder
    ("holder_after_province_prefix", "Với Hà Nội, Phó Chủ tịch UBND TP Nguyễn Doãn Toản cho hay; Chủ tịch UBND tỉnh Trần Tiến Hưng nói ở TP Hồ Chí Minh.",
     {("LOC", "Hà Nội"), ("PERSON", "Nguyễn Doãn Toản"), ("PERSON", "Trần Tiến Hưng"), ("LOC", "Hồ Chí Minh")},
     {("PERSON", "Với Hà Nội"), ("LOC", "Nguyễn Doãn Toản"), ("LOC", "Trần Tiến Hưng")}),
    # a word that opens clauses ("Sáng") ends a name before a slash: "Ảnh: Nhan Sáng/TTXVN"
    ("clause_word_ends_credit_name", "Lễ kỷ niệm tại Hải Phòng. Ảnh: Nhan Sáng/TTXVN Chủ tịch nước đã trân trọng.",
     {("PERSON", "Nhan Sáng")}, set()),
    # after a middle name the next syllable is the given name, even a word that opens clauses
    ("given_name_after_middle_name", "Sáng nay, ông Trần Văn Sáng dự; bà Nguyễn Thị Theo nói.",
     {("PERSON", "Trần Văn Sáng"), ("PERSON", "Nguyễn Thị Theo")}, {("PERSON", "Trần Văn")}),
    # a deputy's title right after a name; initials then a given name in a credit; an English word in a brand
    ("deputy_title_after_name_and_initials", "Thiếu tướng Lê Hiền Vân Phó Chủ nhiệm Tổng cục Chính trị dự (Ảnh: L.T.Thắng) với nhãn “Khaisilk Made in Viet Nam”.",
     {("PERSON", "Lê Hiền Vân"), ("PERSON", "L.T.Thắng")}, {("PERSON", "Lê Hiền Vân Phó"), ("PERSON", "Khaisilk Made")}),
    # initials closing the last paragraph are its author
    ("initials_closing_the_article", "Bệnh nhân phải được bác sĩ tư vấn và chỉ định. D.Thu\n",
     {("PERSON", "D.Thu")}, set()),
    # regions written with a lower-case "bộ", Hong Kong transliterated; a body's name goes on to the place's end
    ("regions_lower_case_bo", "Ở miền Đông Nam bộ, Ban Chỉ đạo Tây Nam bộ họp; ông du lịch tại Hồng Công.",
     {("LOC", "Đông Nam bộ"), ("LOC", "Tây Nam bộ"), ("LOC", "Hồng Công")}, {("PERSON", "Hồng Công")}),
    # two syllables naming a ward are no person without a cue, but are in a byline
    ("ward_name_no_person", "Sư đoàn 325 đánh chiếm thành Tuy Hạ, Cát Lái.\nHai nước hợp tác hiệu quả. Vũ Dũng/VOV\n",
     {("PERSON", "Vũ Dũng")}, {("PERSON", "Cát Lái")}),
    # "nông thôn" ends in a prefix's syllable: the name after it is a person, not a village
    ("no_prefix_inside_a_word", "Thứ trưởng Bộ Nông nghiệp và Phát triển nông thôn Lê Quốc Doanh dự; người dân thôn Đông Lao đón.",
     {("PERSON", "Lê Quốc Doanh"), ("LOC", "Đông Lao")}, {("LOC", "Lê Quốc Doanh")}),
    # "Từ" opening a sentence is the preposition, also a surname: not before a place or another surname
    ("tu_opens_a_sentence", "Từ Hà Nội, đoàn đi Lào Cai. Từ Nguyễn Văn An đến Trần Văn Bình.",
     {("LOC", "Hà Nội"), ("PERSON", "Nguyễn Văn An")}, {("PERSON", "Từ Hà Nội"), ("PERSON", "Từ Nguyễn Văn An")}),
    # a given name the article gave with a cue is a name at its other mentions too, but not as a street
    ("given_name_mentioned_again", "Em gái ca sĩ Bảo Anh đã cao. Bảo Anh thường đưa em đi; nhà ở số 7 Bảo Anh.",
     {("PERSON", "Bảo Anh")}, set()),
    # a credit in initials joined by dots is one name
    ("credit_in_initials", "Ông phát biểu tại hội nghị - Ảnh: T.L Theo thông cáo. Bộ đội khảo sát. Ảnh: P.ĐIỀN",
     {("PERSON", "T.L"), ("PERSON", "P.ĐIỀN")}, {("PERSON", "T"), ("PERSON", "P")}),
    # a full name before a province in brackets is a deputy, even when a ward bears it
    ("deputy_before_province", "ĐB Thái Trường Giang (Cà Mau), ĐB Nguyễn Thái Học (Phú Yên) bức xúc.",
     {("PERSON", "Nguyễn Thái Học"), ("LOC", "Phú Yên")}, {("LOC", "Nguyễn Thái Học")}),
    # a body named after a ward, then the holder's full name in the same capitalised run
    ("ward_name_then_full_name", "Giám đốc bệnh viện Bạch Mai Nguyễn Quang Tuấn - đại biểu Quốc hội đương nhiệm.",
     {("PERSON", "Nguyễn Quang Tuấn")}, {("PERSON", "Mai Nguyễn Quang Tuấn"), ("PERSON", "Bạch Mai Nguyễn Quang")}),
    # elsewhere a commune's name is a firm's or a street's
    ("commune_name_of_a_firm_or_street", "Công ty Thái Sơn, Hà Nội thuê cửa hàng số 113 Hàng Gai, Hoàn Kiếm; ông Lê Long Bình dự.",
     {("LOC", "Hà Nội"), ("LOC", "Hoàn Kiếm")}, {("LOC", "Thái Sơn"), ("LOC", "Hàng Gai"), ("LOC", "Long Bình")}),
]

ALIAS_TEXT = "Ông dạy học với bí danh Bảy Lương. Năm 1956, Bảy Lương trở lại Sài Gòn."


def test_alias_found_at_every_mention():
    """An alias given after "bí danh" is a name wherever it is written again."""
    got = [(m.label, m.text, m.start) for m in find_people_spans(ALIAS_TEXT) if m.label == "PERSON"]
    starts = [i for i in range(len(ALIAS_TEXT)) if ALIAS_TEXT.startswith("Bảy Lương", i)]
    assert got == [("PERSON", "Bảy Lương", s) for s in starts]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_person_and_place_spans(case):
    _, text, expected, absent = case
    got = {(m.label, m.text) for m in find_people_spans(text) if m.label in ("PERSON", "LOC")}
    assert expected <= got
    assert not (absent & got)


def test_foreign_spelling():
    assert [is_foreign(s) for s in "Gabriel Kucka Trump Nguyễn Khăm Xay nghiêng Quốc".split()] == [
        True, True, True, False, False, False, False, False,
    ]

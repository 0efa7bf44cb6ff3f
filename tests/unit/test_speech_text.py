"""The Vietnamese normaliser: a notice as typed -> the words said (schedules.speech_text)."""

from __future__ import annotations

import pytest

from schedules.speech_text import check_abbreviations, number_words, roman_value, spoken

CASES: list[tuple[str, str]] = [
    # numbers
    ("0", "không."),
    ("5", "năm."),
    ("10", "mười."),
    ("15", "mười lăm."),
    ("21", "hai mươi mốt."),
    ("24", "hai mươi tư."),
    ("25", "hai mươi lăm."),
    ("40", "bốn mươi."),
    ("105", "một trăm linh năm."),
    ("110", "một trăm mười."),
    ("999", "chín trăm chín mươi chín."),
    ("1000", "một nghìn."),
    ("2027", "hai nghìn không trăm hai mươi bảy."),
    ("1.250.000 đồng", "một triệu hai trăm năm mươi nghìn đồng."),
    ("1.000.005", "một triệu không trăm linh năm."),
    ("3.500.000.000 đồng", "ba tỷ năm trăm triệu đồng."),
    ("2,5 ha", "hai phẩy năm héc ta."),
    ("0,05", "không phẩy không năm."),
    ("12,75", "mười hai phẩy bảy mươi lăm."),
    ("Nhiệt độ -3 độ", "Nhiệt độ âm ba độ."),
    # dates
    ("15/3/2027", "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi bảy."),
    ("ngày 15/3/2027", "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi bảy."),
    ("Ngày 01/04/2027", "Ngày một tháng tư năm hai nghìn không trăm hai mươi bảy."),
    ("15-3-2027", "ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi bảy."),
    ("từ ngày 2/9 đến 5/9", "từ ngày hai tháng chín đến ngày năm tháng chín."),
    ("tháng 3/2027", "tháng ba năm hai nghìn không trăm hai mươi bảy."),
    ("trong 12/2026", "trong tháng mười hai năm hai nghìn không trăm hai mươi sáu."),
    ("năm 2030", "năm hai nghìn không trăm ba mươi."),
    ("32/13/2027", "ba mươi hai, mười ba, hai nghìn không trăm hai mươi bảy."),
    # times
    ("lúc 7h30", "lúc bảy giờ ba mươi phút."),
    ("lúc 7h", "lúc bảy giờ."),
    ("lúc 19:00", "lúc mười chín giờ."),
    ("lúc 8:05", "lúc tám giờ năm phút."),
    ("từ 7h đến 11h30", "từ bảy giờ đến mười một giờ ba mươi phút."),
    ("14g15", "mười bốn giờ mười lăm phút."),
    # ordinals and Roman numerals
    ("lần thứ 2", "lần thứ hai."),
    ("thứ 4", "thứ tư."),
    ("giải thứ 1", "giải thứ nhất."),
    ("Quý II", "Quý hai."),
    ("Đại hội lần thứ XIII", "Đại hội lần thứ mười ba."),
    ("khóa XV", "khóa mười lăm."),
    ("thế kỷ XXI", "thế kỷ hai mươi mốt."),
    # percentages and units
    ("45%", "bốn mươi lăm phần trăm."),
    ("2,5%", "hai phẩy năm phần trăm."),
    ("38°C", "ba mươi tám độ xê."),
    ("20-25°C", "hai mươi đến hai mươi lăm độ xê."),
    ("dài 3 km", "dài ba ki lô mét."),
    ("50 kg gạo", "năm mươi ki lô gam gạo."),
    ("120 m²", "một trăm hai mươi mét vuông."),
    ("120m2", "một trăm hai mươi mét vuông."),
    ("mưa 150 mm", "mưa một trăm năm mươi mi li mét."),
    ("gió 60 km/h", "gió sáu mươi ki lô mét một giờ."),
    ("500.000đ", "năm trăm nghìn đồng."),
    # phone numbers
    ("Gọi 0912345678", "Gọi không chín một hai ba bốn năm sáu bảy tám."),
    ("SĐT: 0912 345 678", "số điện thoại, không chín một hai, ba bốn năm, sáu bảy tám."),
    ("gọi 113", "gọi một một ba."),
    ("Liên hệ: 02743 812 345", "Liên hệ, không hai bảy bốn ba, tám một hai, ba bốn năm."),
    ("Gọi 1800.599.920 miễn phí", "Gọi một tám không không, năm chín chín, chín hai không miễn phí."),
    ("mã 012345", "mã không một hai ba bốn năm."),
    ("lúc 07 giờ ngày 05 tháng 3", "lúc bảy giờ ngày năm tháng ba."),
    ("Gọi 113 lúc 7h.", "Gọi một một ba lúc bảy giờ."),
    ("Đường dây nóng: 1900 1234", "Đường dây nóng, một chín không không, một hai ba bốn."),
    ("đường dây nóng 1022", "đường dây nóng một không hai hai."),
    ("+84912345678", "cộng tám bốn chín một hai ba bốn năm sáu bảy tám."),
    # abbreviations and letters
    ("UBND xã", "ủy ban nhân dân xã."),
    ("HĐND và MTTQ", "hội đồng nhân dân và mặt trận tổ quốc."),
    ("thẻ BHYT, BHXH", "thẻ bảo hiểm y tế, bảo hiểm xã hội."),
    ("trường THCS", "trường trung học cơ sở."),
    ("CSGT và PCCC", "cảnh sát giao thông và phòng cháy chữa cháy."),
    ("Đ/c Nguyễn Văn A", "đồng chí Nguyễn Văn A."),
    ("Tp. Hà Nội", "thành phố Hà Nội."),
    ("mã ABC", "mã a bê xê."),
    # punctuation to pauses
    ("Thông báo: mất điện; xin lỗi!", "Thông báo, mất điện, xin lỗi."),
    ("Dòng một\nDòng hai", "Dòng một. Dòng hai."),
    ("- Mục một\n- Mục hai", "Mục một. Mục hai."),
    ("Chú ý... bão", "Chú ý. bão."),
    ("Ông A (trưởng thôn) phát biểu", "Ông A, trưởng thôn, phát biểu."),
    ('"Khẩn" — sơ tán ngay', "Khẩn, sơ tán ngay."),
    ("Sơ tán 2-3 ngày", "Sơ tán hai đến ba ngày."),
    ("vào 8h-10h", "vào tám giờ đến mười giờ."),
    ("từ 7h30-9h", "từ bảy giờ ba mươi phút đến chín giờ."),
    ("Quyết định số 12/QĐ-UBND", "Quyết định số mười hai, quyết định ủy ban nhân dân."),
    ("phòng Covid-19", "phòng cô vít mười chín."),
    ("giá 50.000 đồng/kg", "giá năm mươi nghìn đồng một ki lô gam."),
    ("50.000đ/kg", "năm mươi nghìn đồng một ki lô gam."),
    ("hỗ trợ 200.000 đồng/người/tháng", "hỗ trợ hai trăm nghìn đồng một người một tháng."),
    ("năng suất 6 tấn/ha", "năng suất sáu tấn một héc ta."),
    ("số 15/2027/QĐ-UBND", "số mười lăm, hai nghìn không trăm hai mươi bảy, quyết định ủy ban nhân dân."),
    ("ngày 30/4 và 1/5", "ngày ba mươi tháng tư và ngày một tháng năm."),
    # a whole notice
    (
        "UBND xã thông báo: ngày 15/3/2027, lúc 7h30, tiêm vắc xin tại trạm y tế. Mang thẻ BHYT. Liên hệ 0912345678.",
        (
            "ủy ban nhân dân xã thông báo, ngày mười lăm tháng ba năm hai nghìn không trăm hai mươi bảy, lúc bảy giờ ba mươi phút, "
            "tiêm vắc xin tại trạm y tế. Mang thẻ bảo hiểm y tế. Liên hệ không chín một hai ba bốn năm sáu bảy tám."
        ),
    ),
]


@pytest.mark.parametrize(("typed", "said"), CASES, ids=[c[0][:30] for c in CASES])
def test_table(typed: str, said: str) -> None:
    assert spoken(typed) == said


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 60


def test_commune_words_extend_and_win() -> None:
    assert spoken("KDC số 3", {"KDC": "khu dân cư"}) == "khu dân cư số ba."
    assert spoken("VN", {"VN": "nước ta"}) == "nước ta."
    assert spoken("KDC") == "khu dân cư."


def test_no_digit_survives() -> None:
    text = "Ngày 1/1/2027 lúc 6h15, 3 thôn, 1.234.567 đồng, 99,9%, 0987 654 321, lần thứ 12, 7:45."
    out = spoken(text)
    assert not any(c.isdigit() for c in out), out


def test_number_words_round_values() -> None:
    assert number_words(1_000_000) == "một triệu"
    assert number_words(1_000_000_000) == "một tỷ"
    assert number_words(10_001) == "mười nghìn không trăm linh một"
    assert roman_value("IV") == 4 and roman_value("IIII") is None and roman_value("ABC") is None


def test_dictionary_is_checked() -> None:
    assert check_abbreviations({" KDC ": "khu dân cư "}) == {"KDC": "khu dân cư"}
    for bad in ([], {"A B": "x"}, {"X": ""}, {"X": 3}):
        with pytest.raises(ValueError):
            check_abbreviations(bad)

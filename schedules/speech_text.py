"""Vietnamese text as it is said aloud: the normaliser in front of the speech engines.

``spoken(text)`` turns a notice as typed into the words a reader would say: dates, times, amounts
with thousands separators and decimals, ordinals and Roman numerals, percentages, units, phone
numbers (digit by digit), abbreviations (a built-in dictionary the commune extends in the setting
``speech.abbreviations``) and spelled-out capitals; punctuation becomes the two pauses every engine
honours, a comma (short) and a full stop (long).

Written here rather than taken from the package registry: ``vinorm`` (2020, unmaintained) ships a
Linux-only binary and cannot take the commune's own words; ``vietnormalizer`` 0.2.3 says "ngày ngày"
for "ngày 15/3/2027", "độ c" for °C and leaves "HĐND" as letters (compared on the test sentences of
tests/unit/test_speech_text.py). Pure Python, no Qt, no audio.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]

# Built-in abbreviations: matched as whole words, case-sensitive (so "TT" is not "tt").
ABBREVIATIONS: dict[str, str] = {
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "MTTQ": "mặt trận tổ quốc",
    "UBMTTQ": "ủy ban mặt trận tổ quốc",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "CSGT": "cảnh sát giao thông",
    "PCCC": "phòng cháy chữa cháy",
    "PCTT": "phòng chống thiên tai",
    "TKCN": "tìm kiếm cứu nạn",
    "ATGT": "an toàn giao thông",
    "ATTP": "an toàn thực phẩm",
    "HTX": "hợp tác xã",
    "CLB": "câu lạc bộ",
    "NTM": "nông thôn mới",
    "DQTV": "dân quân tự vệ",
    "CCB": "cựu chiến binh",
    "CAND": "công an nhân dân",
    "QĐND": "quân đội nhân dân",
    "TW": "trung ương",
    "TƯ": "trung ương",
    "TP": "thành phố",
    "TX": "thị xã",
    "KDC": "khu dân cư",
    "GPMB": "giải phóng mặt bằng",
    "KHHGĐ": "kế hoạch hóa gia đình",
    "CHXHCN": "cộng hòa xã hội chủ nghĩa",
    "VN": "Việt Nam",
    "SĐT": "số điện thoại",
    "ĐT": "điện thoại",
    "QĐ": "quyết định",
    "NĐ": "nghị định",
    "CP": "chính phủ",
    "TTg": "thủ tướng",
    "BCH": "ban chấp hành",
    "BCĐ": "ban chỉ đạo",
    "GĐ": "giám đốc",
    "CT": "chủ tịch",
    "PCT": "phó chủ tịch",
    "ĐVT": "đơn vị tính",
    "VNĐ": "đồng",
    "VND": "đồng",
    "Đ/c": "đồng chí",
    "đ/c": "đồng chí",
    "v.v.": "vân vân",
    "Tp.": "thành phố",
    "TP.": "thành phố",
    "Covid-19": "cô vít mười chín",
}

# Units after a number ("2,5 ha", "38°C"); longest first when matched.
UNITS: dict[str, str] = {
    "km/h": "ki lô mét một giờ",
    "km²": "ki lô mét vuông",
    "km2": "ki lô mét vuông",
    "m²": "mét vuông",
    "m2": "mét vuông",
    "m³": "mét khối",
    "m3": "mét khối",
    "°C": "độ xê",
    "độ C": "độ xê",
    "km": "ki lô mét",
    "kg": "ki lô gam",
    "ha": "héc ta",
    "cm": "xăng ti mét",
    "mm": "mi li mét",
    "ml": "mi li lít",
    "kW": "ki lô oát",
    "kWh": "ki lô oát giờ",
    "m": "mét",
    "g": "gam",
    "l": "lít",
    "t": "tấn",
    "đ": "đồng",
    "%": "phần trăm",
}

LETTERS = {
    "A": "a",
    "Ă": "á",
    "Â": "ớ",
    "B": "bê",
    "C": "xê",
    "D": "dê",
    "Đ": "đê",
    "E": "e",
    "Ê": "ê",
    "F": "ép",
    "G": "giê",
    "H": "hát",
    "I": "i",
    "J": "gi",
    "K": "ca",
    "L": "e lờ",
    "M": "em mờ",
    "N": "en nờ",
    "O": "o",
    "Ô": "ô",
    "Ơ": "ơ",
    "P": "pê",
    "Q": "quy",
    "R": "e rờ",
    "S": "ét xì",
    "T": "tê",
    "U": "u",
    "Ư": "ư",
    "V": "vê",
    "W": "vê kép",
    "X": "ích xì",
    "Y": "i dài",
    "Z": "dét",
}

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# Words after which a Roman numeral is a number ("Quý II", "Đại hội lần thứ XIII").
_ROMAN_AFTER = r"(?:quý|khóa|khoá|chương|phần|mục|kỳ|thế kỷ|thứ|đợt|giai đoạn|tập|số|lần)"
_PHONE_WORDS = r"(?i:gọi|điện thoại|số máy|đường dây nóng|hotline|liên hệ|sđt|đt|zalo)"


# --- numbers ---------------------------------------------------------------------------------


def _tens_units(n: int, *, full: bool) -> str:
    """0-99, as said after a hundreds word when ``full`` ("linh năm") or alone."""
    tens, units = divmod(n, 10)
    if tens == 0:
        if units == 0:
            return ""
        return f"linh {DIGITS[units]}" if full else DIGITS[units]
    if tens == 1:
        word = "mười"
        if units == 0:
            return word
        return f"{word} {'lăm' if units == 5 else DIGITS[units]}"
    word = f"{DIGITS[tens]} mươi"
    if units == 0:
        return word
    unit_word = {1: "mốt", 4: "tư", 5: "lăm"}.get(units, DIGITS[units])
    return f"{word} {unit_word}"


def _hundreds(n: int, *, leading: bool) -> str:
    """0-999; ``leading`` is False for a group after a bigger one ("không trăm linh năm")."""
    h, rest = divmod(n, 100)
    if leading and h == 0:
        return _tens_units(rest, full=False)
    head = f"{DIGITS[h]} trăm"
    tail = _tens_units(rest, full=True)
    return f"{head} {tail}".strip()


def number_words(n: int) -> str:
    """An integer as said: 2027 -> "hai nghìn không trăm hai mươi bảy"."""
    if n < 0:
        return f"âm {number_words(-n)}"
    if n == 0:
        return "không"
    if n >= 1_000_000_000:
        billions, rest = divmod(n, 1_000_000_000)
        head = f"{number_words(billions)} tỷ"
        if rest == 0:
            return head
        return f"{head} {_below_billion(rest, leading=False)}"
    return _below_billion(n, leading=True)


def _below_billion(n: int, *, leading: bool) -> str:
    parts: list[str] = []
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    first = leading
    for value, word in ((millions, "triệu"), (thousands, "nghìn"), (units, "")):
        if value == 0:
            continue
        parts.append(f"{_hundreds(value, leading=first)} {word}".strip())
        first = False
    return " ".join(parts)


def digits_words(s: str) -> str:
    """Digit by digit: "0912" -> "không chín một hai"."""
    return " ".join(DIGITS[int(c)] for c in s if c.isdigit())


def decimal_words(whole: str, frac: str) -> str:
    """ "2", "5" -> "hai phẩy năm"; a fraction with a leading zero is read digit by digit."""
    head = number_words(int(whole))
    if frac.startswith("0") or len(frac) > 2:
        tail = digits_words(frac)
    else:
        tail = number_words(int(frac))
    return f"{head} phẩy {tail}"


def ordinal_words(n: int) -> str:
    """After "thứ": 1 -> "nhất", 4 -> "tư", else the number."""
    return {1: "nhất", 4: "tư"}.get(n, number_words(n))


def roman_value(s: str) -> int | None:
    """The value of a Roman numeral (I..MMM), None when ``s`` is not one."""
    if not s or any(c not in ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = ROMAN[c]
        total += -v if i + 1 < len(s) and ROMAN[s[i + 1]] > v else v
    if not re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", s) or total == 0:
        return None
    return total


def _month(m: int) -> str:
    return "tư" if m == 4 else number_words(m)


def _number_token(tok: str) -> str:
    """A number as typed ("1.250.000", "2,5", "12") as words; a code with a leading zero ("0123")
    digit by digit."""
    if len(tok) > 2 and tok.isdigit() and tok.startswith("0"):
        return digits_words(tok)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", tok):
        whole, _sep, frac = tok.partition(",")
        whole = whole.replace(".", "")
        return decimal_words(whole, frac) if frac else number_words(int(whole))
    m = re.fullmatch(r"(\d+)[,.](\d+)", tok)
    if m:
        return decimal_words(m.group(1), m.group(2))
    return number_words(int(tok))


# --- the passes ------------------------------------------------------------------------------

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d{1,2}(?!\d)"


def _sub_dates(text: str) -> str:
    def full(m: re.Match[str]) -> str:
        lead, d, mo, y = m.group("lead"), int(m.group("d")), int(m.group("m")), m.group("y")
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            return m.group(0)
        said = f"ngày {number_words(d)} tháng {_month(mo)}"
        if y:
            said += f" năm {number_words(int(y))}"
        return (lead or "") + said

    # "ngày 15/3/2027", "15-3-2027", "15.3.2027", and "ngày 15/3"
    text = re.sub(r"(?P<lead>(?<!\w)(?:[Nn]gày)\s+)?(?<![\d/])(?P<d>\d{1,2})([/.-])(?P<m>\d{1,2})\3(?P<y>\d{4})(?![\d/])", full, text)
    text = re.sub(r"(?P<lead>(?<!\w)(?:[Nn]gày)\s+)?(?<![\d/.,])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?P<y>)(?![\d/])", lambda m: _date_no_year(m), text)
    # "tháng 3/2027"
    text = re.sub(
        r"(?<![\d/])(?:([Tt]háng)\s+)?(\d{1,2})/(\d{4})(?![\d/])",
        lambda m: f"{m.group(1) or 'tháng'} {_month(int(m.group(2)))} năm {number_words(int(m.group(3)))}" if 1 <= int(m.group(2)) <= 12 else m.group(0),
        text,
    )
    return text


def _date_no_year(m: re.Match[str]) -> str:
    d, mo = int(m.group("d")), int(m.group("m"))
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return m.group(0)
    lead = m.group("lead")
    return f"{lead if lead else 'ngày '}{number_words(d)} tháng {_month(mo)}"


def _fix_double_day(text: str) -> str:
    return re.sub(r"\b([Nn]gày)\s+ngày\s", r"\1 ", text)


def _sub_times(text: str) -> str:
    def hm(h: int, mi: int | None) -> str | None:
        if not (0 <= h <= 24) or (mi is not None and not (0 <= mi <= 59)):
            return None
        said = f"{number_words(h)} giờ"
        if mi:
            said += f" {number_words(mi)} phút"
        return said

    def sub_h(m: re.Match[str]) -> str:
        said = hm(int(m.group(1)), int(m.group(2)) if m.group(2) else None)
        return said if said is not None else m.group(0)

    # "7h30", "7h", "7g30", "7h30'", "07 giờ 30"
    text = re.sub(r"(?<![\w,.])(\d{1,2})\s?[hg](?:(\d{2})(?:'|p|ph)?)?(?![\w])", sub_h, text)
    # "19:00", "7:05"
    text = re.sub(r"(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])", sub_h, text)
    # "8h-10h" -> "tám giờ đến mười giờ"
    return re.sub(r"(giờ(?: [^\s,.]+(?: [^\s,.]+)? phút)?)\s?[-–]\s?(?=[^\s,.]+(?: [^\s,.]+)? giờ)", r"\1 đến ", text)


def _sub_phones(text: str) -> str:
    phone = r"(?:\+84|0)\d{1,4}(?:[ .]?\d{2,4}){1,4}"

    def read(m: re.Match[str]) -> str:
        s = m.group(0)
        n = sum(c.isdigit() for c in s)
        if not (9 <= n <= 12 if s.startswith("+") else 10 <= n <= 11) and not s.startswith("1"):
            return s  # not a phone number: an amount, a code
        plus = "cộng " if s.startswith("+") else ""
        # a pause between the groups as written, as a reader would make
        groups = [g for g in re.split(r"[ .]", s.lstrip("+")) if g]
        return plus + ", ".join(digits_words(g) for g in groups)

    text = re.sub(rf"(?<![\w.,]){phone}(?![\w])", read, text)
    # hotlines "1900 1234", "1800.599.920"
    text = re.sub(r"(?<![\w.,])1[89]00(?:[ .]?\d{3,4}){1,2}(?![\w])", read, text)
    # short numbers after a calling word: "gọi 113", "đường dây nóng 1022"
    text = re.sub(rf"({_PHONE_WORDS}:?\s+(?:số\s+)?)(\d{{3,5}})(?![\d.,])", lambda m: m.group(1) + digits_words(m.group(2)), text)
    return text


def _sub_roman(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        v = roman_value(m.group(2))
        if v is None:
            return m.group(0)
        word = ordinal_words(v) if m.group(1).strip().lower().endswith("thứ") else number_words(v)
        return f"{m.group(1)}{word}"

    return re.sub(rf"(?i:\b({_ROMAN_AFTER}\s+))([IVXLCDM]+)\b", sub, text)


def _sub_ordinals(text: str) -> str:
    return re.sub(r"(?<!\w)([Tt]hứ\s+)(\d{1,3})(?![\d.,])", lambda m: m.group(1) + ordinal_words(int(m.group(2))), text)


def _sub_units_and_numbers(text: str) -> str:
    unit_alt = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))

    def sub_range(m: re.Match[str]) -> str:
        unit = f" {UNITS[m.group(3)]}" if m.group(3) else ""
        return f"{_number_token(m.group(1))} đến {_number_token(m.group(2))}{unit}"

    # "đồng/kg", "người/hộ": per one unit
    per_units = {"kg": "ki lô gam", "ha": "héc ta", "m²": "mét vuông", "m2": "mét vuông", "km": "ki lô mét", "l": "lít", "t": "tấn"}
    per_alt = "|".join(re.escape(u) for u in sorted(per_units, key=len, reverse=True))
    text = re.sub(
        rf"(?<=[\w%])\s?/\s?({per_alt}|lít|tấn|người|hộ|tháng|năm|ngày|con|suất|lượt)(?![\w²])", lambda m: f" một {per_units.get(m.group(1), m.group(1))}", text
    )
    # "20-25°C" -> "hai mươi đến hai mươi lăm độ xê", "tổ 5-6"
    text = re.sub(rf"(?<![\w.,/-])({_NUM})\s?[-–]\s?({_NUM})(?:\s?({unit_alt})(?![\w²³]))?(?![\w/-])", sub_range, text)
    text = re.sub(r"(?<![\w-])-(?=\d)", "âm ", text)
    text = re.sub(rf"(?<![\w,])({_NUM})\s?({unit_alt})(?![\w²³])", lambda m: f"{_number_token(m.group(1))} {UNITS[m.group(2)]}", text)
    text = re.sub(rf"(?<![\w,])({_NUM})(?![\w])", lambda m: _number_token(m.group(1)), text)
    return text


def _sub_abbreviations(text: str, words: Mapping[str, str]) -> str:
    if not words:
        return text
    keys = sorted(words, key=len, reverse=True)
    alt = "|".join(re.escape(k) for k in keys)
    return re.sub(rf"(?<![\w.])({alt})(?![\w])", lambda m: words[m.group(1)], text)


def _sub_capitals(text: str) -> str:
    """Letters of an unknown all-capital word of 2-5 letters, spelled: "ABC" -> "a bê xê"."""
    upper = "".join(LETTERS)

    def spell(m: re.Match[str]) -> str:
        return " ".join(LETTERS[c] for c in m.group(0))

    return re.sub(rf"(?<![\w])[{upper}]{{2,5}}(?![\w])", spell, text)


def _sub_punctuation(text: str) -> str:
    text = text.replace("…", ". ").replace("...", ". ")
    text = re.sub(r"^\s*[-+*•·]\s+", "", text, flags=re.MULTILINE)  # list bullets
    text = re.sub(r"[\"“”„«»*_#~`|<>\[\]{}]", " ", text)
    text = re.sub(r"\s+[–—-]\s+", ", ", text)  # a dash between words
    text = re.sub(r"[()]", ", ", text)
    text = re.sub(r"[:;]", ",", text)
    text = re.sub(r"[!?]+", ".", text)
    text = re.sub(r"\s*\n\s*", ". ", text)  # a line break is a sentence end
    text = re.sub(r"(?<=\w)-(?=\w)", " ", text)  # "QĐ-UBND" once spelled out
    text = re.sub(r"\s*/\s*", ", ", text)  # "số 12/QĐ", "32/13"
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.])", r"\1", text)
    text = re.sub(r"([,.])(?:\s*[,.])+", lambda m: "." if "." in m.group(0) else ",", text)
    text = re.sub(r"([,.])(?=\S)", r"\1 ", text)
    return text.strip(" ,")


def spoken(text: str, abbreviations: Mapping[str, str] | None = None) -> str:
    """``text`` as it will be said: see the module docstring. ``abbreviations`` (the commune's own)
    are added to the built-in ones and win over them."""
    words = dict(ABBREVIATIONS)
    words.update(abbreviations or {})
    t = unicodedata.normalize("NFC", text)
    t = t.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    t = _sub_abbreviations(t, {k: v for k, v in words.items() if not k[-1].isalnum() or "/" in k or "-" in k})
    t = _sub_phones(t)
    t = _sub_dates(t)
    t = _fix_double_day(t)
    t = _sub_times(t)
    t = _sub_roman(t)
    t = _sub_ordinals(t)
    t = _sub_abbreviations(t, words)
    t = _sub_units_and_numbers(t)
    t = _sub_capitals(t)
    t = _sub_punctuation(t)
    if t and t[-1] not in ".,":
        t += "."
    return t.rstrip(",").strip()


def check_abbreviations(value: object) -> dict[str, str]:
    """The commune's dictionary as stored: {"ABBR": "words"}; ValueError names what is wrong."""
    if not isinstance(value, dict):
        raise ValueError("not an object")  # noqa: TRY004 - one error kind for the caller
    out: dict[str, str] = {}
    for k, v in value.items():
        if (
            not isinstance(k, str)
            or not isinstance(v, str)
            or not k.strip()
            or not v.strip()
            or len(k) > 40
            or len(v) > 200
            or any(c.isspace() for c in k.strip())
        ):
            raise ValueError(str(k)[:40])
        out[unicodedata.normalize("NFC", k.strip())] = unicodedata.normalize("NFC", v.strip())
    return out

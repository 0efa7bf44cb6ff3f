"""Reading the province's messages tolerantly and writing LoaXa's for a province's profile."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from broadcast.httn.puller import Refused, check_bulletin, is_cancelled
from schedules import httn
from schedules.errors import InputRefused


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (90, 90.0),
        (12.5, 12.5),
        ("90", 90.0),
        ("00:01:30", 90.0),
        ("1:02:03", 3723.0),
        ("00:00:07.5", 7.5),
        ("4,5", 4.5),
        ("abc", None),
        (-3, None),
        (None, None),
        (True, None),
    ],
)
def test_duration_as_seconds_or_hms(value: Any, seconds: float | None) -> None:
    assert httn.parse_duration(value) == seconds


@pytest.mark.parametrize(
    "value",
    [
        1796077800,  # epoch seconds
        1796077800000,  # epoch milliseconds
        "1796077800",
        "2026-12-01T05:30:00+07:00",
        "2026-11-30T22:30:00Z",
        "2026-12-01T05:30:00",  # no offset: the province's zone (Vietnam)
        "2026-12-01 05:30:00.000000",
        "01/12/2026 05:30:00",
    ],
)
def test_instants_in_every_style_mean_the_same_moment(value: Any) -> None:
    assert httn.parse_instant(value) == datetime(2026, 11, 30, 22, 30, tzinfo=UTC)


def test_unreadable_instants_are_none() -> None:
    assert httn.parse_instant("mai") is None
    assert httn.parse_instant("2026-13-45 05:30:00") is None


def test_field_names_in_any_casing() -> None:
    assert httn.field_of({"NguonID": "X"}, "NguonId") == "X"
    assert httn.field_of({"nguonid": "Y"}, "NguonId") == "Y"
    assert httn.field_of({"Khac": 1}, "NguonId") is None


def test_profile_decides_what_is_sent() -> None:
    payload = {"BanTinId": "S1-I2", "ThoiLuong": 3723.4, "ThoiDiemBatDau": "2026-11-30T22:30:00+00:00", "_run": 5}
    plain = httn.render("nhatky", payload, httn.Profile(), "XA-1")
    assert plain == {"NguonId": "XA-1", "BanTinId": "S1-I2", "ThoiLuong": 3723, "ThoiDiemBatDau": "2026-12-01T05:30:00+07:00"}
    other = httn.render("nhatky", payload, httn.Profile.from_dict({"duration": "hms", "instant": "epoch", "source_key": "NguonID"}), "XA-1")
    assert other == {"NguonID": "XA-1", "BanTinId": "S1-I2", "ThoiLuong": "01:02:03", "ThoiDiemBatDau": 1796077800}
    dt = httn.render("nhatky", payload, httn.Profile.from_dict({"instant": "datetime"}), "XA-1")
    assert dt["ThoiDiemBatDau"] == "2026-12-01 05:30:00.000000"
    # what LoaXa sends is read back the same by its own tolerant reader
    for body in (plain, other, dt):
        assert httn.parse_instant(body["ThoiDiemBatDau"]) == datetime(2026, 11, 30, 22, 30, tzinfo=UTC)
        assert round(httn.parse_duration(body["ThoiLuong"]) or 0) == 3723


def test_profile_paths_map_to_a_province_own() -> None:
    p = httn.Profile.from_dict({"paths": {"bantin": "/api/v2/BanTin"}})
    cfg = httn.Config("https://tinh.example/x/", "XA", "u", "p", None, p, ("1",))
    assert cfg.endpoint("bantin") == "https://tinh.example/x/api/v2/BanTin"
    assert cfg.endpoint("login") == "https://tinh.example/x/login"
    assert "p" not in repr(cfg).split("password")[0][-3:] and "password" not in repr(cfg)


@pytest.mark.parametrize(
    "bad",
    [
        {"tz": "Mars/Base"},
        {"duration": "minutes"},
        {"instant": "local"},
        {"source_key": "Nguon"},
        {"paths": {"bantin": "no-slash"}},
        {"paths": {"other": "/x"}},
        {"colour": 1},
    ],
)
def test_profile_refuses_what_it_cannot_use(bad: dict[str, Any]) -> None:
    with pytest.raises(InputRefused):
        httn.Profile.from_dict(bad)


CFG = httn.Config("http://127.0.0.1:1", "XA", "u", "p", None, httn.Profile(), ("1",))


def good(**over: Any) -> dict[str, Any]:
    b = {
        "BanTinID": "T-1",
        "TieuDe": "Tin bão",
        "LinhVuc": "2",
        "MucDoUuTien": 1,
        "LoaiBanTin": 3,
        "ThoiLuong": "00:01:00",
        "NgayBatDau": "01/12/2026",
        "NgayKetThuc": 1799000000,
        "NoiDung": {"Link": "http://tinh/media/tin%20bao.mp3"},
        "Unknown": {"x": 1},
    }
    b.update(over)
    return b


def test_a_good_bulletin_in_mixed_styles_is_read() -> None:
    p = check_bulletin(good(), CFG)
    assert p.remote_id == "T-1" and p.priority == 1 and p.meta.field == 2
    assert p.meta.valid_from is not None and p.meta.valid_from.isoformat() == "2026-12-01"
    assert p.meta.valid_until is not None and p.meta.valid_until.isoformat() == "2027-01-04"


@pytest.mark.parametrize(
    ("over", "words"),
    [
        ({"BanTinID": None}, "no BanTinId"),
        ({"BanTinID": "a/b"}, "not a plain id"),
        ({"TieuDe": " "}, "no title"),
        ({"LinhVuc": 7}, "not a known code"),
        ({"MucDoUuTien": "khan"}, "not a known code"),
        ({"LoaiBanTin": None}, "lacks the field LoaiBanTin"),
        ({"LoaiBanTin": 4}, "takes audio bulletins"),
        ({"NoiDung": {}}, "no link"),
        ({"NoiDung": {"Link": "file:///etc/passwd.mp3"}}, "not an http(s) address"),
        ({"NoiDung": {"Link": "http://tinh/a/..%2F..%2Fx.mp3"}}, "not a plain name"),
        ({"NoiDung": {"Link": "http://tinh/a/b.exe"}}, "not to an audio file"),
        ({"ThoiLuong": "lâu"}, "not a duration"),
        ({"NgayBatDau": "2027-01-05", "NgayKetThuc": "2027-01-01"}, "before it starts"),
    ],
)
def test_hostile_or_broken_bulletins_are_refused_with_the_reason(over: dict[str, Any], words: str, english: None) -> None:
    with pytest.raises(Refused) as exc:
        check_bulletin(good(**over), CFG)
    assert words in exc.value.message


def test_cancellation_markers() -> None:
    assert is_cancelled({"TrangThai": 2}) and is_cancelled({"trangthai": "Hủy"}) and is_cancelled({"DaHuy": True})
    assert not is_cancelled({"TrangThai": 1}) and not is_cancelled({})


def test_backoff_grows_and_is_capped() -> None:
    assert [httn.backoff_s(n, 30) for n in range(1, 8)] == [1, 2, 4, 8, 16, 30, 30]

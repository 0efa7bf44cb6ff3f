"""A province's source information system (HTTTN) on loopback, for technicians and tests.

``loaxa httn-sim --port N --data DIR`` serves the interface of ``docs/httn.md`` with aiohttp:
login with tokens, the push endpoints (bulletins, cancellations, reschedules, logs, device
status, file upload), the pull of published bulletins (``DIR/publish.json``, MP3 files in
``DIR/media/``), and a JSON view of everything received (``GET /_sim/received``; also appended to
``DIR/received.jsonl``, so a restarted simulator still shows what came before). Repeated messages
(the same ids) count as one message with a delivery count, as a real province would treat them.

Fault switches (command-line options, or ``POST /_sim/fault`` with the same names at run time):
``fail_s`` answer 500 for N seconds; ``slow_ms`` answer every request N ms late; ``expire_tokens``
forget every token now; ``token_ttl_s`` tokens last N seconds; ``malformed`` answer N requests
with broken JSON; ``refuse`` answer 400 with a Vietnamese reason to messages of these kinds.

Clusters that play from a schedule (``httn://`` endpoints): a bulletin pushed for a cluster
(``DanhSachCumLoa``) is "played" at its instants and its broadcast log is offered at
``GET /nhatky/cumloa?NguonId=..&TuNgay=..``; device status at ``GET /thietbi/trangthai``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

from aiohttp import web

from schedules.clock import SYSTEM_CLOCK, Clock

log = logging.getLogger("loaxa.httn.sim")

VN = ZoneInfo("Asia/Ho_Chi_Minh")
REQUIRED: dict[str, tuple[str, ...]] = {
    "bantin": ("BanTinId", "TieuDe", "LinhVuc", "LoaiBanTin", "MucDoUuTien", "ThoiLuong", "NoiDung", "LichPhat", "DanhSachDiaBanNhan"),
    "huy": ("BanTinId",),
    "lichphat": ("BanTinId", "LichPhat"),
    "nhatky": ("BanTinId", "LoaiNhatKy", "GiaTri"),
    "trangthai": ("CumLoaId", "TrangThaiHoatDong", "TrangThaiKetNoi"),
}
REASONS = {
    "missing": "Thiếu trường bắt buộc: {name}",
    "refused": "Bản tin bị từ chối: nội dung chưa được cấp tỉnh phê duyệt",
    "token": "Phiên đăng nhập không hợp lệ hoặc đã hết hạn",
    "login": "Sai tên đăng nhập hoặc mật khẩu",
    "code": "Mã {name} không hợp lệ: {value}",
}


def _get(obj: dict[str, Any], name: str) -> Any:
    low = name.lower()
    for k, v in obj.items():
        if k.lower() == low:
            return v
    return None


@dataclass
class Faults:
    fail_until: float = 0.0
    slow_ms: int = 0
    malformed: int = 0
    refuse: dict[str, str] = field(default_factory=dict)
    token_ttl_s: float = 3600.0


@dataclass
class Received:
    kind: str
    key: str
    body: dict[str, Any]
    first_at: str
    count: int = 1


class Province:
    """The simulator's state: tokens, received messages, uploaded files, playing clusters."""

    def __init__(self, data: Path, *, user: str, password: str, faults: Faults, clock: Clock = SYSTEM_CLOCK) -> None:
        self.data = data
        self.clock = clock  # when messages arrive and clusters play
        self.user, self.password = user, password
        self.faults = faults
        self.tokens: dict[str, float] = {}
        self.logins = 0
        self.received: dict[str, Received] = {}
        self.order: list[str] = []
        self.deliveries = 0
        self.refusals: dict[str, int] = {}
        self.cluster_logs: list[dict[str, Any]] = []
        self._played: set[str] = set()
        (data / "uploads").mkdir(parents=True, exist_ok=True)
        (data / "media").mkdir(parents=True, exist_ok=True)
        self._journal = data / "received.jsonl"
        self._load()

    def _load(self) -> None:
        if not self._journal.is_file():
            return
        for line in self._journal.read_text(encoding="utf-8").splitlines():
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut by a kill
            self._note(rec["kind"], rec["body"], rec["at"], journal=False)

    @staticmethod
    def key_of(kind: str, body: dict[str, Any]) -> str:
        ids = [str(_get(body, "NguonId")), str(_get(body, "BanTinId"))]
        if kind == "nhatky":
            ids += [str(_get(body, "CumLoaId")), str(_get(body, "ThoiDiemBatDau")), str(_get(body, "LoaiNhatKy"))]
        if kind == "trangthai":
            ids = [str(_get(body, "NguonId")), str(_get(body, "CumLoaId")), json.dumps(body, sort_keys=True)]
        if kind == "lichphat":
            ids.append(json.dumps(_get(body, "LichPhat"), sort_keys=True))
        return kind + "|" + "|".join(ids)

    def _note(self, kind: str, body: dict[str, Any], at: str, *, journal: bool = True) -> None:
        key = self.key_of(kind, body)
        self.deliveries += 1
        if key in self.received:
            self.received[key].count += 1
        else:
            self.received[key] = Received(kind, key, body, at)
            self.order.append(key)
        if journal:
            with self._journal.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps({"kind": kind, "body": body, "at": at}, ensure_ascii=False) + "\n")

    def accept(self, kind: str, body: dict[str, Any]) -> None:
        self._note(kind, body, self.clock.now().isoformat())

    def view(self) -> dict[str, Any]:
        return {
            "deliveries": self.deliveries,
            "logins": self.logins,
            "refusals": self.refusals,
            "messages": [{"kind": r.kind, "count": r.count, "first_at": r.first_at, "body": r.body} for r in (self.received[k] for k in self.order)],
            "cluster_logs": self.cluster_logs,
        }

    def published(self, base: str) -> list[dict[str, Any]]:
        path = self.data / "publish.json"
        if not path.is_file():
            return []
        items = json.loads(path.read_text(encoding="utf-8"))
        out = []
        for b in items:
            b = dict(b)
            content = dict(b.get("NoiDung") or {})
            link = content.get("Link")
            if isinstance(link, str) and not link.startswith(("http://", "https://")):
                content["Link"] = f"{base}/{link.lstrip('/')}"
            b["NoiDung"] = content
            out.append(b)
        return out

    # clusters playing from a schedule --------------------------------------------------------

    def play_due(self, now: datetime) -> None:
        """Play (log) every cluster airing due by ``now``: a real cluster plays at the instant."""
        for r in list(self.received.values()):
            if r.kind != "bantin":
                continue
            clusters = _get(r.body, "DanhSachCumLoa") or []
            if not clusters:
                continue
            cancelled = any(x.kind == "huy" and _get(x.body, "BanTinId") == _get(r.body, "BanTinId") for x in self.received.values())
            for when in _instants(r.body):
                if when > now or when < now - timedelta(hours=6):
                    continue
                for c in clusters:
                    k = f"{_get(r.body, 'BanTinId')}|{c}|{when.isoformat()}"
                    if k in self._played:
                        continue
                    self._played.add(k)
                    dur = _get(r.body, "ThoiLuong")
                    self.cluster_logs.append(
                        {
                            "NguonId": _get(r.body, "NguonId"),
                            "BanTinId": _get(r.body, "BanTinId"),
                            "CumLoaId": c,
                            "ThoiDiemBatDau": when.astimezone(VN).isoformat(),
                            "ThoiLuong": dur,
                            "LoaiNhatKy": 1,
                            "GiaTri": 0 if cancelled else 1,
                            "MoTa": "Bản tin đã bị hủy" if cancelled else "",
                        }
                    )


def _instants(body: dict[str, Any]) -> list[datetime]:
    lp = _get(body, "LichPhat") or {}
    starts = _get(lp, "ThoiDiemBatDau") or []
    first = _get(body, "NgayBatDau")
    last = _get(body, "NgayKetThuc") or first
    if not first:
        return []
    try:
        d0, d1 = date.fromisoformat(str(first)[:10]), date.fromisoformat(str(last)[:10])
    except ValueError:
        return []
    out = []
    d = d0
    while d <= d1 and (d - d0).days < 3:
        for s in starts:
            try:
                hh, mm, ss = (int(x) for x in str(s).split(":"))
            except ValueError:
                continue
            out.append(datetime(d.year, d.month, d.day, hh, mm, ss, tzinfo=VN).astimezone(UTC))
        d += timedelta(days=1)
    return out


def _answer(content: Any = None, *, ok: bool = True, reason: str = "", status: int = 200) -> web.Response:
    return web.json_response(
        {"TrangThaiGui": 0 if ok else 1, "MoTa": reason, "NoiDung": content}, status=status, dumps=lambda o: json.dumps(o, ensure_ascii=False)
    )


def make_app(province: Province) -> web.Application:
    faults = province.faults

    @web.middleware
    async def fault_layer(request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith("/_sim"):
            return cast(web.StreamResponse, await handler(request))
        if faults.slow_ms:
            await asyncio.sleep(faults.slow_ms / 1000)
        if time.monotonic() < faults.fail_until:
            return web.Response(status=500, text="Internal Server Error")
        if faults.malformed > 0 and not request.path.startswith("/media"):
            faults.malformed -= 1
            return web.Response(status=200, text='{"TrangThaiGui": 0, "NoiDung": {', content_type="application/json")
        return cast(web.StreamResponse, await handler(request))

    def authorised(request: web.Request) -> bool:
        auth = request.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        exp = province.tokens.get(token)
        return exp is not None and exp > time.monotonic()

    async def body_of(request: web.Request) -> dict[str, Any] | web.Response:
        try:
            data = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return _answer(ok=False, reason="Dữ liệu không phải JSON hợp lệ", status=400)
        if not isinstance(data, dict):
            return _answer(ok=False, reason="Dữ liệu phải là một đối tượng JSON", status=400)
        return data

    async def login(request: web.Request) -> web.Response:
        data = await body_of(request)
        if isinstance(data, web.Response):
            return data
        if _get(data, "Username") != province.user or _get(data, "Password") != province.password:
            return _answer(ok=False, reason=REASONS["login"], status=401)
        token = secrets.token_hex(16)
        province.tokens[token] = time.monotonic() + faults.token_ttl_s
        province.logins += 1
        return _answer({"Token": token})

    def push(kind: str) -> Any:
        async def handler(request: web.Request) -> web.Response:
            if not authorised(request):
                return _answer(ok=False, reason=REASONS["token"], status=401)
            data = await body_of(request)
            if isinstance(data, web.Response):
                return data
            check_kind = "nhatky" if kind == "nhatky" else kind
            for name in ("NguonId", *REQUIRED[check_kind]):
                if _get(data, name) is None:
                    return _answer(ok=False, reason=REASONS["missing"].format(name=name), status=400)
            if kind == "bantin":
                if _get(data, "LinhVuc") not in (1, 2, 3, 4, 5, 6):
                    return _answer(ok=False, reason=REASONS["code"].format(name="LinhVuc", value=_get(data, "LinhVuc")), status=400)
                if not (_get(data, "NoiDung") or {}).get("Link"):
                    return _answer(ok=False, reason=REASONS["missing"].format(name="NoiDung.Link"), status=400)
            if kind in faults.refuse:
                province.refusals[kind] = province.refusals.get(kind, 0) + 1
                return _answer(ok=False, reason=faults.refuse[kind] or REASONS["refused"], status=400)
            province.accept(kind, data)
            return _answer({"BanTinId": _get(data, "BanTinId")})

        return handler

    async def upload(request: web.Request) -> web.Response:
        if not authorised(request):
            return _answer(ok=False, reason=REASONS["token"], status=401)
        reader = await request.multipart()
        part = await reader.next()
        while part is not None and getattr(part, "name", None) != "file":
            part = await reader.next()
        if part is None:
            return _answer(ok=False, reason=REASONS["missing"].format(name="file"), status=400)
        h = hashlib.sha256()
        tmp = province.data / "uploads" / f".{secrets.token_hex(8)}"
        with tmp.open("wb") as fh:
            while chunk := await part.read_chunk():  # type: ignore[union-attr]
                h.update(chunk)
                fh.write(chunk)
        name = f"{h.hexdigest()}.mp3"
        tmp.replace(province.data / "uploads" / name)
        province.accept("tep", {"NguonId": "-", "BanTinId": name})
        return _answer({"Link": f"{request.url.origin()}/uploads/{name}"})

    async def published(request: web.Request) -> web.Response:
        if not authorised(request):
            return _answer(ok=False, reason=REASONS["token"], status=401)
        area = request.query.get("DiaBan", "")
        out = [b for b in province.published(str(request.url.origin())) if not b.get("DanhSachDiaBanNhan") or area in [str(x) for x in b["DanhSachDiaBanNhan"]]]
        return _answer(out)

    async def cluster_logs(request: web.Request) -> web.Response:
        if not authorised(request):
            return _answer(ok=False, reason=REASONS["token"], status=401)
        province.play_due(province.clock.now())
        return _answer(province.cluster_logs)

    async def cluster_status(request: web.Request) -> web.Response:
        if not authorised(request):
            return _answer(ok=False, reason=REASONS["token"], status=401)
        clusters = sorted({c for r in province.received.values() if r.kind == "bantin" for c in (_get(r.body, "DanhSachCumLoa") or [])})
        off = set(json.loads((province.data / "offline.json").read_text()) if (province.data / "offline.json").is_file() else [])
        return _answer([{"CumLoaId": c, "TrangThaiHoatDong": 0 if c in off else 1, "TrangThaiKetNoi": 0 if c in off else 1, "AmLuong": 80} for c in clusters])

    async def sim_received(request: web.Request) -> web.Response:
        province.play_due(province.clock.now())
        return web.json_response(province.view(), dumps=lambda o: json.dumps(o, ensure_ascii=False))

    async def sim_fault(request: web.Request) -> web.Response:
        data = await request.json()
        apply_faults(faults, data, province)
        return web.json_response({"ok": True})

    async def sim_health(request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app = web.Application(middlewares=[fault_layer], client_max_size=1024**3)
    app.router.add_post("/login", login)
    for kind, path in (
        ("bantin", "/bantin"),
        ("huy", "/bantin/huy"),
        ("lichphat", "/bantin/lichphat"),
        ("nhatky", "/nhatky"),
        ("trangthai", "/thietbi/trangthai"),
    ):
        app.router.add_post(path, push(kind))
    app.router.add_post("/tep", upload)
    app.router.add_get("/bantin/xuatban", published)
    app.router.add_get("/nhatky/cumloa", cluster_logs)
    app.router.add_get("/thietbi/trangthai", cluster_status)
    app.router.add_static("/media", province.data / "media")
    app.router.add_static("/uploads", province.data / "uploads")
    app.router.add_get("/_sim/received", sim_received)
    app.router.add_post("/_sim/fault", sim_fault)
    app.router.add_get("/_sim/health", sim_health)
    return app


def apply_faults(faults: Faults, data: dict[str, Any], province: Province | None = None) -> None:
    if "fail_s" in data:
        faults.fail_until = time.monotonic() + float(data["fail_s"])
    if "slow_ms" in data:
        faults.slow_ms = int(data["slow_ms"])
    if "malformed" in data:
        faults.malformed = int(data["malformed"])
    if "refuse" in data:
        r = data["refuse"]
        faults.refuse = {k: REASONS["refused"] for k in r} if isinstance(r, list) else dict(r or {})
    if "token_ttl_s" in data:
        faults.token_ttl_s = float(data["token_ttl_s"])
    if data.get("expire_tokens") and province is not None:
        province.tokens.clear()


async def serve(
    port: int,
    data: Path,
    *,
    host: str = "127.0.0.1",
    user: str = "xa",
    password: str = "matkhau",
    faults: Faults | None = None,
    ready: Any = None,
    tls: tuple[Path, Path] | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> None:
    """Run the simulator until cancelled (over HTTPS with ``tls=(certificate, key)``), its
    province living on ``clock``."""
    province = Province(data, user=user, password=password, faults=faults or Faults(), clock=clock)
    runner = web.AppRunner(make_app(province), access_log=None)
    await runner.setup()
    ssl_ctx = None
    if tls is not None:
        import ssl

        ssl_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ssl_ctx.load_cert_chain(str(tls[0]), str(tls[1]))
    site = web.TCPSite(runner, host, port, ssl_context=ssl_ctx)
    await site.start()
    if ready is not None:
        ready()
    try:
        while True:
            await asyncio.sleep(0.5)
            province.play_due(province.clock.now())
    finally:
        await runner.cleanup()

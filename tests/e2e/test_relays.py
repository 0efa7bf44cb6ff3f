"""Icecast relays (issue 18): ``loaxa relays config`` writes the sections a relay Icecast needs;
a real relay icecast2 started with them mirrors what the real engine airs to the master, and a
listener on the relay hears the same MP3 frames as one on the master, a little later."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import Cli, wait_until
from tests.support.icecast import IcecastServer, Listener

pytestmark = pytest.mark.slow


class PastedIcecast(IcecastServer):
    """An icecast2 whose icecast.xml has what LoaXa wrote pasted in: ``sections`` inside
    ``<icecast>``, ``authentication`` inside ``<authentication>``."""

    sections: str = ""
    authentication: str = ""

    def write_config(self) -> Path:
        cfg = super().write_config()
        xml = cfg.read_text(encoding="utf-8").replace("</icecast>", self.sections + "</icecast>")
        cfg.write_text(xml.replace("</authentication>", self.authentication + "</authentication>"), encoding="utf-8")
        return cfg


@pytest.fixture
def servers() -> Iterator[tuple[PastedIcecast, PastedIcecast]]:
    master, relay = PastedIcecast(), PastedIcecast()
    try:
        yield master, relay
    finally:
        relay.close()
        master.close()


def test_a_relay_mirrors_what_the_engine_airs_to_the_master(
    cli: Cli, servers: tuple[PastedIcecast, PastedIcecast], make_audio: Callable[..., Path], tmp_path: Path
) -> None:
    master, relay = servers
    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã", "--level", "commune", "--quiet-hours", "none")
    cli.ok("endpoints", "add", "e1", "--name", "Loa 1", "--area", "X1", "--url", master.source_url("xa-an-binh"))
    item = cli.json("clips", "add", str(make_audio("tin.mp3", seconds=8.0)), "--approve-by", "A")

    out = cli.json("relays", "config", "--master", f"127.0.0.1:{master.port}", "--relay", f"127.0.0.1:{relay.port}", "--out", str(tmp_path / "relays"))
    assert out["mode"] == "master" and out["mounts"] == ["/xa-an-binh"], "the endpoint's mount on the master is listed"
    doc = out["relays"][0]
    assert doc["listen_urls"]["/xa-an-binh"] == relay.listen_url("xa-an-binh")
    relay.sections = Path(doc["file"]).read_text(encoding="utf-8")
    master.authentication = Path(out["master_authentication_file"]).read_text(encoding="utf-8")
    master.start()
    relay.start()

    on_master = Listener(master.listen_url("xa-an-binh"), duration=9.0, connect_timeout=40)
    on_relay = Listener(relay.listen_url("xa-an-binh"), duration=9.0, connect_timeout=40)
    # receivers listen at the relay: the engine's proof of delivery listens there too
    cli.ok("endpoints", "edit", "e1", "--listen-url", relay.listen_url("xa-an-binh"))
    engine = cli.popen("engine", env={"LOAXA_ENGINE_POLL_S": "0.1", "LOAXA_ENGINE_VERIFY_S": "5"})
    try:
        assert wait_until(lambda: cli.json("status")["engine"]["running"], 30, 0.2)
        on_master.start()
        on_relay.start()
        cli.ok("broadcast", "now", "--item", str(item["id"]), "--target", "e1")
        on_master.join(45)
        on_relay.join(45)
    finally:
        engine.send_signal(signal.SIGTERM)
        engine.communicate(timeout=30)
    assert on_relay.error is None and len(on_relay.data) > 20000, f"the relay's listener heard {len(on_relay.data)} bytes ({on_relay.error})"
    # the same frames: a piece from the middle of what the master sent arrives through the relay
    heard = on_master.data
    needle = heard[len(heard) // 2 : len(heard) // 2 + 1500]
    assert len(needle) == 1500 and needle in on_relay.data, "the relay carries the master's stream, not something else"
    t_master, t_relay = on_master.arrival_of(needle), on_relay.arrival_of(needle)
    assert t_master is not None and t_relay is not None
    delay_ms = (t_relay - t_master) * 1000
    print(f"delay added by the relay: {delay_ms:.1f} ms")
    assert -200 < delay_ms < 2000, delay_ms
    (run,) = cli.json("runs", "list")
    assert run["verified"], f"the airing was not proven at the relay: {run}"
    # how late the content reached the relay's listeners against when it was due, on the as-run
    # row. The relay's mount appears a second or so after the master's, so the engine's listener
    # there came after the start and first got the relay's burst of older frames: the delay is
    # timed on frames sent after it connected. The engine sends each frame up to 0.3 s before it
    # is due, so a quick path can read a little below zero.
    delay = run["verify_delay_ms"]
    print(f"verify_delay_ms on the as-run row: {delay}")
    assert delay is not None, f"no delay measured at the relay: {run}"
    assert -400.0 <= delay < 3000.0, f"an implausible delay through the relay: {delay} ms"


def test_relays_config_refuses_bad_input_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init")
    out = tmp_path / "relays"
    for args, words in (
        (["--master", "127.0.0.1:80x", "--relay", "127.0.0.1:8001"], "HOST:PORT"),
        (["--master", "127.0.0.1:8000", "--relay", "127.0.0.1:8000", "--mount", "/a"], "master itself"),
        (["--master", "127.0.0.1:8000", "--relay", "127.0.0.1:8001", "--mode", "mounts"], "nothing to relay"),
        (["--master", "127.0.0.1:8000", "--relay", "127.0.0.1:8001", "--mount", "/a b"], "not an Icecast mount"),
        (["--master", "127.0.0.1:8000", "--relay", "127.0.0.1:8001", "--relay-password-file", str(tmp_path / "none")], "Cannot read"),
    ):
        r = cli("relays", "config", *args, "--out", str(out))
        assert r.code == 3 and words in r.stderr, (args, r.code, r.stderr)
        assert not out.exists(), "nothing written"
    vi = Cli(cli.data_dir, env={"LOAXA_LANG": "vi"})("relays", "config", "--master", "127.0.0.1:8000", "--relay", "127.0.0.1:8001", "--mode", "mounts")
    assert vi.code == 3 and "không có gì để tiếp sóng" in vi.stderr.lower(), vi.stderr
    # an endpoint names the relay URL its receivers use (proof of delivery listens there)
    cli.ok("areas", "add", "X1", "--name", "Xã", "--level", "commune", "--quiet-hours", "none")
    cli.ok(
        "endpoints", "add", "e1", "--name", "Loa 1", "--area", "X1", "--url", "icecast://source@127.0.0.1:8000/xa1", "--listen-url", "http://10.0.1.7:8000/xa1"
    )
    for bad in ("ftp://10.0.1.7/xa1", "http://10.0.1.7:8000/", "http://u:p@10.0.1.7:8000/xa1", "http://10.0.1.7:99999/xa1"):
        r = cli("endpoints", "edit", "e1", "--listen-url", bad)
        assert r.code == 3 and "--listen-url" in r.stderr, (bad, r.code, r.stderr)
    assert [e["listen_url"] for e in cli.json("endpoints", "list")] == ["http://10.0.1.7:8000/xa1"], "refused edits changed nothing"
    cli.ok("endpoints", "edit", "e1", "--listen-url", "")
    assert [e["listen_url"] for e in cli.json("endpoints", "list")] == [None]

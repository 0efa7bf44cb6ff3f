"""Hostile input, as a careless user, a broken machine or an attacker with a crafted file would
present it: each case through the real CLI, asserting the exit code, the message, and that the
database (as an SQL dump) and the media tree are byte-identical afterwards. The two corpora (crafted
backups, values on the command line) run the CLI's ``main()`` in this process on the real data
folder (a new Python for each would cost most of their time); a representative few of each run as
real subprocesses too, and every other test here runs the CLI as a subprocess.

The crafted backups are made from a real backup of a real station by tests.support.hostile,
which rewrites the manifest's hashes to match (the hashes catch damage, not intent)."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support import hostile
from tests.support.cli import Cli, InProcessCli, clone

pytestmark = pytest.mark.slow

PASSWORD = "mat-khau-bi-mat-42"
RELAY_PASSWORD = "relay-secret-77"


def build_station(cli: Cli, make_audio: Callable[..., Path], root: Path) -> None:
    """A commune with an Icecast endpoint (with its password), an offline endpoint, one
    approved clip with its rendition, a playlist with a relay, a schedule; and its backup."""
    pw = root / "pw.txt"
    pw.write_text(PASSWORD + "\n", encoding="utf-8")
    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã An Bình", "--level", "commune", "--quiet-hours", "none")
    cli.ok("endpoints", "add", "loa1", "--name", "Loa 1", "--area", "X1", "--url", "icecast://source@127.0.0.1:8000/an-binh", "--password-file", str(pw))
    cli.ok("endpoints", "add", "loa2", "--name", "Loa 2", "--area", "X1", "--url", (root / "out").as_uri())
    cli.ok("clips", "add", str(make_audio(seconds=2)), "--approve-by", "A", "--json")
    cli.ok("playlists", "create", "Sáng", "1")
    cli.ok("playlists", "add-relay", "1", f"http://vov:{RELAY_PASSWORD}@127.0.0.1:9/vov1", "--duration", "60")
    cli.ok("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "06:00", "--days", "daily")
    cli.ok("backup", str(root / "good.zip"))
    (root / "pp.txt").write_text("cụm từ bí mật của xã\n", encoding="utf-8")
    cli.ok("backup", str(root / "sealed.zip"), "--passphrase-file", str(root / "pp.txt"))


@pytest.fixture
def station(cli: Cli, data_template: Callable[..., Path]) -> Cli:
    clone(data_template("hostile-station", build_station), cli)
    return cli


def template_file(data_template: Callable[..., Path], name: str) -> Path:
    return data_template("hostile-station", build_station).parent / name


def _rendition_name(m: dict[str, Any]) -> str:
    return next(e for e in m["entries"] if e.startswith("media/renditions/"))


def _deep(n: int) -> str:
    return "[" * n + "]" * n


# name -> (what craft() is given, words the message must hold)
CASES: dict[str, tuple[dict[str, Any], str]] = {
    "rendition path outside the store": ({"sql": ("UPDATE renditions SET path = '../../outside.txt';",)}, "outside the media store"),
    "rendition path absolute": ({"sql": ("UPDATE renditions SET path = '/etc/passwd';",)}, "rendition 1"),
    "rendition path with a made-up layout": ({"sql": ("UPDATE renditions SET path = 'sources/x.mp3';",)}, "path LoaXa does not make"),
    "rendition preset with ..": ({"sql": ("UPDATE renditions SET preset_key = '..';",)}, "rendition 1"),
    "item media extension leading out": ({"sql": ("UPDATE items SET media_ext = '/../../../x';",)}, "item 1"),
    "item media hash not a hash": ({"sql": ("UPDATE items SET media_sha256 = '../../etc/passwd';",)}, "item 1"),
    "trigger on a table": (
        {
            "sql": (
                "CREATE TRIGGER evil AFTER UPDATE ON items BEGIN DELETE FROM schedules; UPDATE endpoints SET url = 'icecast://source@evil.example:8000/x'; END;",
            )
        },
        "trigger evil",
    ),
    "view added": ({"sql": ("CREATE VIEW v AS SELECT * FROM items;",)}, "view v"),
    "table added": ({"sql": ("CREATE TABLE extra (x);",)}, "table extra"),
    "index changed": ({"sql": ("DROP INDEX ix_items_state; CREATE INDEX ix_items_state ON items (title);",)}, "ix_items_state"),
    "column default changed": (
        {
            "sql": (
                "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = replace(sql, 'title VARCHAR(500) NOT NULL', 'title VARCHAR(500) NOT NULL DEFAULT (random())') WHERE name = 'items';",
            )
        },
        "table items",
    ),
    "revision in the database unknown": ({"sql": ("UPDATE alembic_version SET version_num = '9999';",)}, "revision"),
    "revision in the manifest not a revision": ({"manifest": lambda m: m.update(schema_revision="abc")}, "does not know"),
    "revision in the manifest newer": ({"manifest": lambda m: m.update(schema_revision="9999")}, "newer LoaXa"),
    "garbage instead of the database": ({"replace": {hostile.DB: b"SQLite format 3\x00" + b"\xff" * 5000}}, "database"),
    "text instead of the database": ({"replace": {hostile.DB: b"xin chao"}}, "database"),
    "setting preset name leading out": (
        {"sql": ("INSERT INTO settings (key, value) VALUES ('loudness.preset', '{\"name\": \"../../../tmp/x\"}');",)},
        "loudness.preset",
    ),
    "setting preset name 300 characters": (
        {"sql": ("INSERT INTO settings (key, value) VALUES ('loudness.preset', '{\"name\": \"" + "a" * 300 + "\"}');",)},
        "loudness.preset",
    ),
    "setting preset nested 20000 deep": (
        {"sql": ("INSERT INTO settings (key, value) VALUES ('loudness.preset', '{\"name\": " + _deep(20000) + "}');",)},
        "loudness.preset",
    ),
    "setting out of bounds": ({"sql": ("INSERT INTO settings (key, value) VALUES ('backup.keep', '99999999');",)}, "backup.keep"),
    "setting of the wrong kind": ({"sql": ("INSERT INTO settings (key, value) VALUES ('engine.autostart', '\"yes\"');",)}, "engine.autostart"),
    "setting unknown": ({"sql": ("INSERT INTO settings (key, value) VALUES ('evil.key', '1');",)}, "evil.key"),
    "endpoint writing into /etc": ({"sql": ("UPDATE endpoints SET url = 'file:///etc' WHERE code = 'loa2';",)}, "loa2"),
    "endpoint with a NUL": ({"sql": ("UPDATE endpoints SET url = 'file:///tmp/a%00b' WHERE code = 'loa2';",)}, "loa2"),
    "endpoint of the internal memory scheme": ({"sql": ("UPDATE endpoints SET url = 'memory://x' WHERE code = 'loa2';",)}, "loa2"),
    "endpoint with a line break": (
        {"sql": ("UPDATE endpoints SET url = 'icecast://source@127.0.0.1:8000/m' || char(13, 10) || 'x' WHERE code = 'loa1';",)},
        "loa1",
    ),
    "relay with a line break": (
        {"sql": ("UPDATE playlist_entries SET relay_url = 'http://h/x' || char(10) || '#EXTINF:1,x' WHERE relay_url IS NOT NULL;",)},
        "relay",
    ),
    "media is a file, not a folder": ({"add": {"media": b"not a folder"}}, "does not make: media"),
    "entry with an unknown name": ({"add": {"run-me.sh": b"#!/bin/sh\nrm -rf ~\n"}}, "run-me.sh"),
    "entry leading out with ..": ({"add": {"media/../../evil": b"x"}}, "does not make"),
    "entry with an absolute name": ({"add": {"/tmp/evil": b"x"}}, "does not make"),
    "source named with another file's hash": ({"add": {"media/sources/00/" + "0" * 64 + ".mp3": b"not this"}}, "does not make"),
    "window settings of 2 MB": ({"add": {"settings/window.ini": b"x" * (2 << 20)}}, "settings/window.ini"),
    "two databases": ({"add": {"db/loaxa.sql": b"DROP TABLE items;"}}, "more than one database"),
    "the same entry twice": ({"duplicate": hostile.DB}, "twice"),
    "manifest entry not an object": ({"manifest": lambda m: m["entries"].update({_rendition_name(m): "x"})}, "manifest is damaged"),
    "manifest nested 100000 deep": ({"manifest_raw": _deep(100000).encode()}, "manifest"),
    "manifest not JSON": ({"manifest_raw": b"\xff\xfe not json"}, "manifest"),
    "secrets entry damaged": ({"add": {"secrets.enc": b'{"format": "loaxa.secrets"}'}}, "secrets"),
    "an entry altered without rehashing": (
        {"change": lambda n, d: d[:-1] + bytes([d[-1] ^ 1]) if n.startswith("media/") else d, "rehash": False},
        "does not match its hash",
    ),
}


# cases also run through a real subprocess (the rest run in this process, see the docstring)
SUBPROCESS_CASES = {
    "trigger on a table",
    "garbage instead of the database",
    "entry leading out with ..",
    "an entry altered without rehashing",
    "url with a bad port shows no password",
    "endpoint name with a terminal escape",
    "file endpoint: /etc",
    "preset nested 20,000 deep",
}


def _runner(station: Cli, case: str) -> Cli:
    return station if case in SUBPROCESS_CASES else InProcessCli(station.data_dir)


def _refuse_and_compare(cli: Cli, bad: Path, *extra: str) -> Any:
    before = hostile.state(cli.data_dir)
    r = cli("restore", str(bad), "--force", *extra)
    after = hostile.state(cli.data_dir)
    assert r.code == 3, (r.code, r.stderr)
    assert "Traceback" not in r.stderr and r.stderr.strip()
    assert after == before, "a refused restore changed the database or the media store"
    return r


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_backups_are_refused_and_nothing_changes(station: Cli, data_template: Callable[..., Path], tmp_path: Path, case: str) -> None:
    kwargs, words = CASES[case]
    bad = hostile.craft(template_file(data_template, "good.zip"), tmp_path / "bad.zip", **kwargs)
    r = _refuse_and_compare(_runner(station, case), bad)
    assert words in r.stderr, r.stderr


def test_the_good_backup_of_the_corpus_restores(station: Cli, data_template: Callable[..., Path]) -> None:
    """The corpus's source backup itself is accepted (the refusals above are about the changes)."""
    before = hostile.state(station.data_dir)
    station.ok("restore", str(template_file(data_template, "good.zip")), "--force")
    dump, media, names = hostile.state(station.data_dir)
    assert media == before[1] and names == before[2]
    assert PASSWORD not in dump and RELAY_PASSWORD not in dump, "a backup made without a passphrase holds no password"


def test_a_missing_index_is_made_again(station: Cli, data_template: Callable[..., Path], tmp_path: Path) -> None:
    """A database made while a migration was still being written may lack an index: harmless,
    so the restore accepts it and adds the index as the migrations write it."""
    import sqlite3

    bad = hostile.craft(template_file(data_template, "good.zip"), tmp_path / "no-index.zip", sql=("DROP INDEX ix_items_state;",))
    station.ok("restore", str(bad), "--force")
    con = sqlite3.connect(station.data_dir / "loaxa.db")
    try:
        assert con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'ix_items_state'").fetchone() == (1,)
    finally:
        con.close()


def test_a_restored_trigger_never_fires(station: Cli, data_template: Callable[..., Path], tmp_path: Path) -> None:
    """The reported attack end to end: the trigger is refused, so the next edit keeps every schedule."""
    kwargs, _words = CASES["trigger on a table"]
    bad = hostile.craft(template_file(data_template, "good.zip"), tmp_path / "bad.zip", **kwargs)
    _refuse_and_compare(station, bad)
    station.ok("clips", "edit", "1", "--title", "Thông báo mới")
    assert len(station.json("schedules", "list")) == 1


def test_a_rendition_path_outside_never_deletes_that_file(station: Cli, data_template: Callable[..., Path], tmp_path: Path) -> None:
    victim = tmp_path / "outside.txt"
    victim.write_text("do not delete", encoding="utf-8")
    rel = "../" * 12 + str(victim).lstrip("/")
    bad = hostile.craft(template_file(data_template, "good.zip"), tmp_path / "bad.zip", sql=(f"UPDATE renditions SET path = '{rel}';",))
    _refuse_and_compare(station, bad)
    station.ok("clips", "render", "--all")
    assert victim.read_text(encoding="utf-8") == "do not delete"


def test_secrets_travel_sealed_and_come_back_with_the_passphrase(station: Cli, data_template: Callable[..., Path], tmp_path: Path) -> None:
    sealed = template_file(data_template, "sealed.zip")
    raw = sealed.read_bytes()
    assert PASSWORD.encode() not in raw and RELAY_PASSWORD.encode() not in raw
    assert (sealed.stat().st_mode & 0o077) == 0, "a backup file is readable by its owner only"
    before_rows = hostile.sql_dump(station.data_dir / "loaxa.db")
    # a wrong passphrase: refused, nothing changed
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n", encoding="utf-8")
    r = _refuse_and_compare(station, sealed, "--passphrase-file", str(wrong))
    assert "passphrase" in r.stderr
    # the right one: every password back, the database as it was backed up
    station.ok("restore", str(sealed), "--force", "--passphrase-file", str(template_file(data_template, "pp.txt")))
    assert hostile.sql_dump(station.data_dir / "loaxa.db") == before_rows
    assert (station.data_dir / "loaxa.db").stat().st_mode & 0o077 == 0
    # without the passphrase it restores, and says the passwords must be entered again
    r = station("restore", str(sealed), "--force")
    assert r.code == 0 and "password" in r.stdout
    assert PASSWORD not in hostile.sql_dump(station.data_dir / "loaxa.db")


@pytest.mark.parametrize("where", ["live database", "inside the data folder", "inside the media store", "existing file", "a folder inside the data folder"])
def test_backup_never_writes_over_live_data(station: Cli, tmp_path: Path, where: str) -> None:
    data = station.data_dir
    target = {
        "live database": data / "loaxa.db",
        "inside the data folder": data / "b.zip",
        "inside the media store": data / "media" / "b.zip",
        "existing file": tmp_path / "existing.zip",
        "a folder inside the data folder": data / "media",
    }[where]
    if where == "existing file":
        target.write_bytes(b"keep me")
    before = hostile.state(data), target.read_bytes() if target.is_file() else None
    r = station("backup", str(target))
    assert r.code == 3 and "Traceback" not in r.stderr, r.stderr
    assert ("--force" in r.stderr) if where == "existing file" else ("data folder" in r.stderr)
    assert (hostile.state(data), target.read_bytes() if target.is_file() else None) == before
    station.ok("areas", "list")  # the station still works
    if where == "existing file":
        station.ok("backup", str(target), "--force")
        assert zipfile.is_zipfile(target)


def test_backup_folder_setting_inside_the_media_store_is_refused_at_run_time(station: Cli, tmp_path: Path, english: None) -> None:
    from datetime import UTC, datetime

    from schedules import backup, settings
    from schedules.workspace import Workspace

    ws = Workspace.open(station.data_dir)
    try:
        with ws.session() as s:
            settings.set_value(s, "backup.folder", str(ws.media.root / "bk"))
        r = backup.automatic(ws, datetime.now(UTC))
    finally:
        ws.close()
    assert r.state == "failed" and r.error and "data folder" in r.error
    assert not (station.data_dir / "media" / "bk").exists()


def test_a_media_file_restore_leaves_the_folder_usable(station: Cli, data_template: Callable[..., Path], tmp_path: Path) -> None:
    """Issue 12, finding 2: after the refused 'media is a file' backup, a good backup restores."""
    bad = hostile.craft(template_file(data_template, "good.zip"), tmp_path / "bad.zip", add={"media": b"x"})
    _refuse_and_compare(station, bad)
    station.ok("restore", str(template_file(data_template, "good.zip")), "--force")
    assert (station.data_dir / "media").is_dir()
    station.ok("areas", "list")


def _engine_running(cli: Cli) -> bool:
    r = cli("status", "--json")
    return r.code == 0 and bool(r.json()["engine"]["running"])


def _close(proc: Any) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    for pipe in (proc.stdout, proc.stderr):
        if pipe is not None:
            pipe.close()


def test_restore_while_a_real_engine_runs(station: Cli, data_template: Callable[..., Path]) -> None:
    """Issue 12, finding 4: a restore under a running engine is refused (exit 5, nothing
    changed); with --stop-engine the engine is asked to stop through the command queue, the
    restore waits for it, swaps under the engine lease, and one engine can start afterwards."""
    import time

    from tests.conftest import wait_until

    good = template_file(data_template, "good.zip")
    engine = station.popen("engine")
    try:
        assert wait_until(lambda: _engine_running(station), 20), "the engine did not start"
        before = hostile.state(station.data_dir)
        r = station("restore", str(good), "--force")
        assert r.code == 5 and "--stop-engine" in r.stderr, r.stderr
        assert engine.poll() is None, "a refused restore leaves the engine airing"
        assert hostile.state(station.data_dir)[1:] == before[1:]
        t0 = time.monotonic()
        r = station("restore", str(good), "--force", "--stop-engine")
        assert r.code == 0, r.stderr
        assert engine.wait(timeout=30) == 0, "the engine stopped cleanly, asked through the queue"
        assert time.monotonic() - t0 < 30
    finally:
        _close(engine)
    assert not _engine_running(station)
    # exactly one engine can start on the restored data
    first = station.popen("engine", "--for", "25")  # long enough to outlast a slow start of the second on a busy machine
    try:
        assert wait_until(lambda: _engine_running(station), 20), "no engine could start on the restored data"
        second = station("engine", "--for", "1", timeout=30)
        assert first.poll() is None, "the first engine ended before the second was tried: the check proves nothing"
        assert second.code == 5, "a second engine beside the first is refused"
        assert first.wait(timeout=60) == 0
    finally:
        _close(first)


# --- imports that would cost too much --------------------------------------------------------


def _flac(make_audio: Callable[..., Path], seconds: float, rate: int = 44100) -> Path:
    return make_audio(f"tone-{seconds}-{rate}.flac", seconds=seconds, rate=rate, codec_args=("-c:a", "flac"))


@pytest.mark.parametrize("case", ["ten hours in the header", "longer than the limit, no length in the header", "too large decoded"])
def test_imports_over_the_limits_are_refused_before_decoding_everything(station: Cli, make_audio: Callable[..., Path], tmp_path: Path, case: str) -> None:
    import time

    if case == "ten hours in the header":
        bad = hostile.flac_claiming(_flac(make_audio, 2.0), tmp_path / "muoi-gio.flac", 10 * 3600 * 44100)
        words = "import.max_duration_s"
    elif case == "longer than the limit, no length in the header":
        station.ok("settings", "set", "import.max_duration_s", "5")
        bad = hostile.flac_claiming(_flac(make_audio, 12.0), tmp_path / "khong-do-dai.flac", 0)
        words = "import.max_duration_s"
    else:
        station.ok("settings", "set", "import.max_decoded_mb", "1")
        bad = make_audio("lon.wav", seconds=10.0, channels=2)
        words = "import.max_decoded_mb"
    before = hostile.state(station.data_dir)
    t0 = time.monotonic()
    r = station("clips", "add", str(bad), "--json")
    took = time.monotonic() - t0
    assert r.code == 3, (r.code, r.stderr)
    assert words in r.json()["error"]["message"] and words in r.stderr, r.stdout
    assert hostile.state(station.data_dir) == before, "a refused import keeps nothing"
    assert took < 15


def test_a_killed_import_leaves_nothing_after_the_next_start(station: Cli, make_audio: Callable[..., Path]) -> None:
    """A staging folder whose import process is gone (killed) is removed by the next import."""
    import signal
    import subprocess
    import sys

    from tests.conftest import ROOT

    # a process that opens a staging folder the way an import does, then is killed
    code = (
        "import sys, time; from pathlib import Path; from schedules.media import MediaStore; "
        "st = MediaStore(Path(sys.argv[1])).open_staging(); (st.dir / 'half.mp3').write_bytes(b'x' * 1000); "
        "print(st.dir, flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, str(station.data_dir / "media")], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdout is not None
    staged = Path(proc.stdout.readline().strip())
    assert staged.is_dir()
    # while it runs, another import leaves it alone
    station.ok("clips", "add", str(make_audio(seconds=1.0, freq=550)))
    assert staged.is_dir()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    station.ok("clips", "add", str(make_audio(seconds=1.0, freq=660)))
    assert not staged.exists() and not list((station.data_dir / "media" / ".staging").glob("*"))


# --- values given on the command line: refused, never repaired -----------------------------

SECRET = "S3cret-in-url"
RLO, ESC = "\u202e", "\x1b[31m"


def _value_cases(data: Path) -> dict[str, tuple[tuple[str, ...], int, str]]:
    """name -> (loaxa arguments, exit code, words the message holds)."""
    ep = ("endpoints", "add", "loa9", "--name", "Loa 9", "--area", "X1", "--url")
    edit = ("endpoints", "edit", "loa2", "--url")
    return {
        "url with a bad port shows no password": ((*ep, f"icecast://source:{SECRET}@127.0.0.1:99999/m"), 3, "port"),
        "url with port 0": ((*ep, "icecast://source@127.0.0.1:0/m"), 3, "port 0"),
        "url with a space in the host": ((*ep, "icecast://source@my host:8000/m"), 3, "spaces"),
        "url with CR LF": ((*ep, "icecast://source@127.0.0.1:8000/m\r\nX-Evil: 1"), 3, "control characters"),
        "url of the internal memory scheme": ((*ep, "memory://x"), 3, "memory"),
        "url of an unknown scheme": ((*ep, "gopher://h/m"), 3, "gopher"),
        "url IPv6 without brackets": ((*ep, "icecast://source@::1:8000/m"), 3, "not a valid URL"),
        "url with a fragment": ((*ep, "icecast://source@127.0.0.1:8000/m#x"), 3, "'#'"),
        "url with an unknown query": ((*ep, "icecast://source@127.0.0.1:8000/m?debug=1"), 3, "cafile"),
        "url cafile pointing at a secret file": ((*ep, "icecast+tls://source@127.0.0.1:8443/m?cafile=/etc/shadow"), 3, "PEM"),
        "file endpoint: the root": ((*ep, "file:///"), 3, "top folder"),
        "file endpoint: /etc": ((*ep, "file:///etc"), 3, "system folder"),
        "file endpoint: /dev": ((*ep, "file:///dev/loaxa"), 3, "system folder"),
        "file endpoint: /proc/self": ((*ep, "file:///proc/self"), 3, "system folder"),
        "file endpoint: the media store": ((*ep, (data / "media").as_uri()), 3, "media store"),
        "file endpoint: inside the media store": ((*ep, (data / "media" / "sources").as_uri()), 3, "media store"),
        "file endpoint: the data folder's parent": ((*ep, data.parent.as_uri()), 3, "data folder"),
        "file endpoint: relative": ((*ep, "file:tmp/x"), 3, "absolute folder"),
        "file endpoint: NUL": ((*ep, "file:///tmp/a%00b"), 3, "control characters"),
        "file endpoint: with ..": ((*ep, "file:///tmp/x/../../etc"), 3, "'..'"),
        "edit accepts no more than add: /etc": ((*edit, "file:///etc"), 3, "system folder"),
        "edit accepts no more than add: memory": ((*edit, "memory://x"), 3, "memory"),
        "edit: bad port shows no password": ((*edit, f"icecast://source:{SECRET}@127.0.0.1:70000/m"), 3, "port"),
        "endpoint name with a text-direction override": (("endpoints", "edit", "loa2", "--name", f"Loa {RLO}3pm.exe"), 3, "text-direction"),
        "endpoint name with a terminal escape": (("endpoints", "edit", "loa2", "--name", f"Loa {ESC}red"), 3, "control"),
        "endpoint name of 300 characters": (("endpoints", "edit", "loa2", "--name", "L" * 300), 3, "at most 200"),
        "title empty": (("clips", "edit", "1", "--title", ""), 3, "must not be empty"),
        "title with a newline": (("clips", "edit", "1", "--title", "Tin\n#EXTINF:1,x"), 3, "control"),
        "title with a text-direction override": (("clips", "edit", "1", "--title", f"Tin {RLO}gnöht"), 3, "text-direction"),
        "title of 100,000 characters": (("clips", "edit", "1", "--title", "x" * 100_000), 3, "at most 500"),
        "approver with a newline": (("clips", "approve", "1", "--by", "A\nB"), 3, "control"),
        "playlist name with a newline": (("playlists", "create", "Sáng\n#EXTINF", "1"), 3, "control"),
        "relay with a newline": (("playlists", "add-relay", "1", "http://h/x\n#EXTINF:1,evil", "--duration", "10"), 3, "stream address"),
        "relay of the memory scheme": (("playlists", "add-relay", "1", "memory://x", "--duration", "10"), 3, "stream address"),
        "relay with port 0": (("playlists", "add-relay", "1", "http://h:0/x", "--duration", "10"), 3, "stream address"),
        "preset name leading out": (("settings", "set", "loudness.preset", '{"name": "../../../tmp/x"}'), 3, "name"),
        "preset name of 300 characters": (("settings", "set", "loudness.preset", '{"name": "' + "a" * 300 + '"}'), 3, "name"),
        "preset nested 20,000 deep": (("settings", "set", "loudness.preset", '{"name": ' + _deep(20000) + "}"), 3, "loudness.preset"),
        "setting text with an escape": (("settings", "set", "operator.name", f"A{ESC}"), 3, "operator.name"),
        "backup into the media store": (("backup", str(data / "media" / "x.zip")), 3, "data folder"),
        "automatic backup folder in the media store": (("settings", "set", "backup.folder", str(data / "media" / "bk")), 3, "data folder"),
        "backup over the live database": (("backup", str(data / "loaxa.db")), 3, "data folder"),
    }


VALUE_CASES = list(_value_cases(Path("/data")))


@pytest.mark.parametrize("case", VALUE_CASES)
def test_hostile_values_are_refused_and_nothing_changes(station: Cli, case: str) -> None:
    args, code, words = _value_cases(station.data_dir)[case]
    before = hostile.state(station.data_dir)
    r = _runner(station, case)(*args)
    assert r.code == code, (r.code, r.stdout, r.stderr)
    assert words in r.stderr, r.stderr
    assert "Traceback" not in r.stderr and SECRET not in r.stderr + r.stdout
    assert ESC not in r.stderr and RLO not in r.stderr, "the message shows the bad characters escaped"
    assert hostile.state(station.data_dir) == before


def test_secrets_stay_out_of_listings_json_audit_and_exports(station: Cli, tmp_path: Path) -> None:
    import sqlite3

    outs = [
        station.ok(*a).stdout
        for a in (
            ("endpoints", "list"),
            ("endpoints", "list", "--json"),
            ("playlists", "show", "1"),
            ("playlists", "show", "1", "--json"),
            ("playlists", "list", "--json"),
        )
    ]
    station.ok("playlists", "export", "1", "--m3u", str(tmp_path / "p.m3u"))
    outs.append((tmp_path / "p.m3u").read_text(encoding="utf-8"))
    con = sqlite3.connect(station.data_dir / "loaxa.db")
    try:
        outs.append(repr(con.execute("SELECT * FROM audit_log").fetchall()))
    finally:
        con.close()
    for text in outs:
        assert PASSWORD not in text and RELAY_PASSWORD not in text, text
    assert "****" in outs[2], "the relay is listed, masked"


def test_an_ipv6_endpoint_keeps_its_brackets(station: Cli) -> None:
    station.ok("endpoints", "add", "loa6", "--name", "Loa 6", "--area", "X1", "--url", "icecast://source:pw6-secret@[::1]:8000/m")
    rows = {e["code"]: e for e in station.json("endpoints", "list")}
    assert rows["loa6"]["url"] == "icecast://source:****@[::1]:8000/m"
    from schedules.endpoints import parse_url

    assert parse_url("icecast://source@[::1]:8000/m").authority == "[::1]:8000"
    # `endpoints test` on it waits for broadcast/monitor.py to build its URLs with .authority


def test_m3u_and_ics_exports_cannot_gain_entries(station: Cli, tmp_path: Path) -> None:
    import sqlite3

    # a title that arrived with a line break (an older LoaXa, or a file's tags) is stored as it is
    con = sqlite3.connect(station.data_dir / "loaxa.db")
    with con:
        con.execute("UPDATE items SET title = ? WHERE id = 1", ("Tin\r\n#EXTINF:1,Evil\nhttp://evil.example/x.mp3",))
        con.execute("UPDATE playlists SET name = ? WHERE id = 1", ("Sáng\rBEGIN:VEVENT",))
    con.close()
    station.ok("playlists", "export", "1", "--m3u", str(tmp_path / "p.m3u"))
    lines = (tmp_path / "p.m3u").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#EXTM3U" and sum(1 for x in lines if x.startswith("#EXTINF")) == 2, lines
    assert not any(x.startswith("http://evil") for x in lines)
    from schedules.ics import _esc

    assert "\r" not in _esc("a\rb") and "\n" not in _esc("a\r\nb\nc")


# --- a broken machine: messages with the next step, never a traceback ------------------------


def test_a_locked_database_is_a_message(station: Cli) -> None:
    import sqlite3

    before = hostile.state(station.data_dir)
    con = sqlite3.connect(station.data_dir / "loaxa.db", timeout=1)
    con.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        r = station("areas", "add", "X2", "--name", "Xã 2", "--level", "commune", timeout=60)
    finally:
        con.rollback()
        con.close()
    assert r.code == 5, (r.code, r.stderr)
    assert "locked by another program" in r.stderr and "Traceback" not in r.stderr and "SQL" not in r.stderr
    assert hostile.state(station.data_dir) == before


def test_a_broken_log_folder_is_a_message(station: Cli) -> None:
    shutil.rmtree(station.data_dir / "logs", ignore_errors=True)
    (station.data_dir / "logs").write_text("not a folder", encoding="utf-8")
    r = station("engine", "--for", "1", timeout=60)
    assert r.code == 5 and "logs" in r.stderr and "Traceback" not in r.stderr, (r.code, r.stderr)


def test_a_full_disk_is_a_message(cli: Cli, tmp_path: Path) -> None:
    """The data folder on a 2 MB file system, filled to the last block."""
    import os
    import subprocess

    assert os.geteuid() == 0, "this test mounts a small tmpfs (the test machines run as root)"
    mnt = tmp_path / "small"
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)], check=True)
    try:
        small = Cli(mnt / "data")
        small.ok("init")
        try:
            with open(mnt / "filler", "wb") as f:
                while True:
                    f.write(b"\0" * 4096)
                    f.flush()
        except OSError:
            pass  # full
        for args in (("areas", "list"), ("areas", "add", "X1", "--name", "Xã", "--level", "commune"), ("backup", str(mnt / "b.zip"))):
            r = small(*args)
            assert r.code in (0, 5), (args, r.code, r.stderr)
            assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) <= 3, r.stderr
            if r.code == 5:
                assert "full" in r.stderr or "Cannot" in r.stderr, r.stderr
        assert small("areas", "add", "X1", "--name", "Xã", "--level", "commune").code == 5
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_postgresql_backups_hold_no_password_in_clear(pg: Any, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    from tests.support.postgres import pg_rows

    url = pg.database()
    cli = Cli(tmp_path / "data", env={"LOAXA_DB": url})
    build_station(cli, make_audio, tmp_path)
    raw = (tmp_path / "good.zip").read_bytes() + (tmp_path / "sealed.zip").read_bytes()
    assert PASSWORD.encode() not in raw and RELAY_PASSWORD.encode() not in raw
    rows = pg_rows(url)
    cli.ok("restore", str(tmp_path / "sealed.zip"), "--force", "--passphrase-file", str(tmp_path / "pp.txt"))
    assert pg_rows(url) == rows, "sealed passwords come back exactly"
    cli.ok("restore", str(tmp_path / "good.zip"), "--force")
    after = pg_rows(url)
    assert PASSWORD not in repr(after["endpoints"]) and RELAY_PASSWORD not in repr(after["playlist_entries"])


@pytest.mark.parametrize(
    "extra",
    [
        "\\! touch {marker}",
        "CREATE FUNCTION public.evil() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM public.schedules; RETURN NEW; END $$;",
        "CREATE TRIGGER evil AFTER UPDATE ON public.items FOR EACH ROW EXECUTE FUNCTION public.evil();",
        "COPY public.items (id) TO PROGRAM 'touch {marker}';",
        "CREATE TABLE public.extra (x integer GENERATED ALWAYS AS (length(pg_read_file('/etc/hostname'))) STORED);",
        "SET search_path = public; DROP TABLE public.schedules;",
        "CREATE INDEX evil ON public.items USING btree (id) WHERE (length(pg_read_file('/etc/hostname')) > 0);",
        "CREATE INDEX evil ON public.items USING btree (id) WHERE (pg_sleep (1) IS NULL);",
    ],
)
def test_hostile_postgresql_dumps_are_refused_before_psql_runs_them(pg: Any, make_audio: Callable[..., Path], tmp_path: Path, extra: str) -> None:
    from tests.support.postgres import pg_rows

    url = pg.database()
    cli = Cli(tmp_path / "data", env={"LOAXA_DB": url})
    cli.ok("init")
    cli.ok("areas", "add", "X1", "--name", "Xã", "--level", "commune", "--quiet-hours", "none")
    cli.ok("backup", str(tmp_path / "good.zip"))
    marker = tmp_path / "pwned"
    line = extra.format(marker=marker)
    bad = hostile.craft(tmp_path / "good.zip", tmp_path / "bad.zip", change=lambda n, d: d + ("\n" + line + "\n").encode() if n == "db/loaxa.sql" else d)
    rows, media = pg_rows(url), hostile.media_tree(cli.data_dir / "media")
    r = cli("restore", str(bad), "--force")
    assert r.code == 3 and "statement LoaXa does not write" in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert not marker.exists(), "nothing in the dump ran"
    assert pg_rows(url) == rows and hostile.media_tree(cli.data_dir / "media") == media


def test_leftovers_of_interrupted_work_are_listed(station: Cli) -> None:
    """What `loaxa check` can report: a killed import's staging folder, a killed restore's folders."""
    import socket

    from schedules import backup
    from schedules.workspace import Workspace

    staging = station.data_dir / "media" / ".staging" / "dead"
    staging.mkdir(parents=True)
    (staging / ".owner").write_text(f"{socket.gethostname()} 999999999\n", encoding="utf-8")
    (station.data_dir / ".restore-abc").mkdir()
    ws = Workspace.open(station.data_dir)
    try:
        assert {p.name for p in backup.leftovers(ws)} == {"dead", ".restore-abc"}
    finally:
        ws.close()

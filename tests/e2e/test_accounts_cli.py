"""Accounts through the real command line: sign-in, roles (exit 7 with the database unchanged),
the audit chain against hand edits (exit 6 naming the row), lockout, secrets kept out of output."""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Cli

PW = {"quantri": "quan-tri-mat-khau-1", "canbo": "can-bo-mat-khau-22", "chutich": "chu-tich-mat-khau-3", "kythuat": "ky-thuat-mat-khau-4"}
ROLE_OF = {"quantri": "admin", "canbo": "operator", "chutich": "approver", "kythuat": "technician"}


def _dump(cli: Cli) -> list[str]:
    with sqlite3.connect(cli.data_dir / "loaxa.db") as con:
        return list(con.iterdump())


def _pwfile(tmp: Path, user: str) -> str:
    f = tmp / f"{user}.pw"
    f.write_text(PW[user] + "\n", encoding="utf-8")
    return str(f)


def build_commune(cli: Cli, make_audio: Callable[..., Path], root: Path) -> None:
    """A wave-1 commune (made before accounts), then an admin and one account per role."""
    cli.ok("areas", "add", "X1", "--name", "Xã Tân Lập", "--level", "commune", "--quiet-hours", "none")
    cli.ok("endpoints", "add", "loa1", "--name", "Loa thôn Bắc", "--area", "X1", "--url", (root / "out").as_uri())
    item = cli.json("clips", "add", str(make_audio("tin.mp3", seconds=1.0)), "--title", "Thông báo", "--approve-by", "Cán bộ A")
    cli.json("clips", "add", str(make_audio("nhap.mp3", seconds=1.5)), "--title", "Bản nháp")
    cli.json("playlists", "create", "Chương trình", str(item["id"]))
    cli.ok("init", "--admin-user", "quantri", "--admin-password-file", _pwfile(root, "quantri"))
    token = cli.ok("login", "--user", "quantri", "--password-file", _pwfile(root, "quantri"), "--print-token").stdout.strip()
    admin = Cli(cli.data_dir, {"LOAXA_TOKEN": token})
    for user in ("canbo", "chutich", "kythuat"):
        admin.ok("accounts", "add", user, "--role", ROLE_OF[user], "--password-file", _pwfile(root, user))


@pytest.fixture
def commune(cli: Cli, data_template: Callable[..., Path], tmp_path: Path) -> Cli:
    import shutil

    src = data_template("accounts-commune", build_commune)
    shutil.rmtree(cli.data_dir, ignore_errors=True)
    shutil.copytree(src, cli.data_dir)
    (cli.data_dir / "session-token").unlink(missing_ok=True)
    return cli


def _as(cli: Cli, user: str) -> Cli:
    token = cli.ok("login", "--user", user, "--password-file", _pwfile(cli.data_dir.parent, user), "--print-token").stdout.strip()
    return Cli(cli.data_dir, {"LOAXA_TOKEN": token})


# (arguments, the role that may run it)
ACTIONS: list[tuple[tuple[str, ...], str]] = [
    (("clips", "approve", "2", "--by", "{user}"), "approver"),
    (("clips", "retire", "1"), "approver"),
    (("clips", "edit", "2", "--title", "Tên mới"), "operator"),
    (("playlists", "create", "Mới", "1"), "operator"),
    (("schedules", "add", "--playlist", "1", "--target", "X1", "--times", "06:00"), "operator"),
    (("broadcast", "stop", "--target", "loa1", "--wait", "0.5"), "approver"),
    (("broadcast", "now", "--item", "1", "--target", "loa1", "--priority", "1", "--wait", "0.5"), "approver"),
    (("endpoints", "edit", "loa1", "--name", "Loa mới"), "technician"),
    (("areas", "add", "X2", "--name", "Xã khác", "--level", "commune"), "technician"),
    (("settings", "set", "engine.preroll_s", "7"), "technician"),
    (("settings", "set", "accounts.four_eyes", "yes"), "admin"),
    (("accounts", "lock", "canbo"), "admin"),
]


def _in_process(cli: Cli, token: str | None, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """The command line's own main() in this process (the refusals are many; a process each is slow)."""
    from desktop.cli import main

    if token:
        monkeypatch.setenv("LOAXA_TOKEN", token)
    else:
        monkeypatch.delenv("LOAXA_TOKEN", raising=False)
    code = main(["--data-dir", str(cli.data_dir), "--lang", "en", *args])
    return code, capsys.readouterr().err


def test_every_action_is_refused_to_the_wrong_roles_and_changes_nothing(
    commune: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    signed = {u: _as(commune, u) for u in PW}
    for args, role in ACTIONS:
        for user, c in signed.items():
            if ROLE_OF[user] == role:
                continue
            before = _dump(commune)
            code, err = _in_process(commune, c.env["LOAXA_TOKEN"], tuple(a.replace("{user}", user) for a in args), monkeypatch, capsys)
            assert code == 7, f"{user} ({ROLE_OF[user]}) ran {args}: exit {code}\n{err}"
            assert _dump(commune) == before, f"{args} by {user} changed the database"
    # nobody signed in: refused too, reading included (here through a real process)
    before = _dump(commune)
    for args in (("clips", "approve", "2", "--by", "Chủ tịch xã"), ("clips", "list")):
        r = commune(*args)
        assert r.code == 7 and "login" in r.stderr, r.stderr
    assert _dump(commune) == before
    # the right role may (an engine-less broadcast is an engine failure, not a refusal)
    for args, role in ACTIONS:
        user = next(u for u, r in ROLE_OF.items() if r == role)
        r = signed[user](*[a.replace("{user}", user) for a in args])
        assert r.code in (0, 5), f"{user} ({role}) ran {args}: exit {r.code}\n{r.stderr}"


def test_the_actor_is_the_signed_in_user(commune: Cli) -> None:
    ap = _as(commune, "chutich")
    before = _dump(commune)
    r = ap("clips", "approve", "2", "--by", "Chủ tịch xã khác")
    assert r.code == 7 and "chutich" in r.stderr
    assert _dump(commune) == before
    ap.ok("clips", "approve", "2")  # --by is the signed-in user when left out
    rows = ap.json("audit", "list", "--action", "item.approved")
    assert rows[0]["actor"] == "chutich" and rows[0]["before_accounts"] is False
    old = [r for r in rows if r["before_accounts"]]
    assert old and old[-1]["actor"] == "Cán bộ A", "the approval made before accounts keeps its name, marked"


def test_audit_verify_names_the_row_edited_deleted_or_inserted_by_hand(commune: Cli) -> None:
    op = _as(commune, "canbo")
    for i in range(3):
        op.ok("clips", "edit", "2", "--title", f"Tên {i}")
    assert op.json("audit", "verify")["ok"] is True
    db = commune.data_dir / "loaxa.db"
    with sqlite3.connect(db) as con:
        ids = [r[0] for r in con.execute("SELECT id FROM audit_log ORDER BY id")]
        actor = con.execute("SELECT actor FROM audit_log WHERE id = ?", (ids[4],)).fetchone()[0]
        con.execute("UPDATE audit_log SET actor = 'chutich' WHERE id = ?", (ids[4],))
    r = op("audit", "verify")
    assert r.code == 6 and f" {ids[4]} " in r.stderr, r.stderr
    with sqlite3.connect(db) as con:
        con.execute("UPDATE audit_log SET actor = ? WHERE id = ?", (actor, ids[4]))  # put back: holds again
    assert op("audit", "verify").code == 0
    with sqlite3.connect(db) as con:
        con.execute("DELETE FROM audit_log WHERE id = ?", (ids[6],))
    r = op("audit", "verify", "--json")
    assert r.code == 6 and r.json()["bad_row"] == ids[7], r.stdout


def test_lockout_and_no_secret_in_output_or_logs(commune: Cli) -> None:
    root = commune.data_dir.parent
    bad = root / "bad.pw"
    bad.write_text("khong-dung-dau-nhe\n", encoding="utf-8")
    outs = []
    for _ in range(5):
        r = commune("login", "--user", "canbo", "--password-file", str(bad))
        assert r.code == 7
        outs.append(r.stdout + r.stderr)
    r = commune("login", "--user", "canbo", "--password-file", _pwfile(root, "canbo"))
    assert r.code == 7 and "locked" in r.stderr, "the right password does not open a locked account"
    outs.append(r.stdout + r.stderr)
    admin = _as(commune, "quantri")
    admin.ok("accounts", "unlock", "canbo")
    r = commune.ok("login", "--user", "canbo", "--password-file", _pwfile(root, "canbo"))
    outs.append(r.stdout + r.stderr)
    token = (commune.data_dir / "session-token").read_text().strip()
    assert (commune.data_dir / "session-token").stat().st_mode & 0o077 == 0, "the token file is the owner's only"
    outs.append(commune.ok("accounts", "whoami").stdout)
    outs.append(admin.ok("audit", "list", "--json").stdout)
    logs = "".join(p.read_text(encoding="utf-8", errors="replace") for p in commune.data_dir.rglob("*.log*"))
    shown = "".join(outs) + logs
    for secret in [*PW.values(), "khong-dung-dau-nhe", token]:
        assert secret not in shown
    actions = [r["action"] for r in admin.json("audit", "list", "--user", "canbo")]
    assert actions.count("login.failed") == 5 and "account.locked_out" in actions and "login.refused" in actions
    commune.ok("logout")
    assert commune("clips", "list").code == 7, "signed out: the token no longer works"


def test_totp_for_emergencies_and_four_eyes(commune: Cli) -> None:
    import pyotp

    admin = _as(commune, "quantri")
    admin.ok("settings", "set", "accounts.totp_emergency", "yes")
    admin.ok("settings", "set", "accounts.four_eyes", "yes")
    ap = _as(commune, "chutich")
    offer = ap.json("accounts", "totp")
    secret = offer["secret"]
    assert offer["saved"] is False and "--key" in offer["confirm"]
    r = ap("broadcast", "now", "--item", "1", "--target", "loa1", "--priority", "1", "--wait", "0.5", "--totp", pyotp.TOTP(secret).now())
    assert r.code == 7 and "has none set up" in r.stderr, "an offered key is not saved until a code confirms it"
    wrong = "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"
    assert ap("accounts", "totp", "--key", secret, "--code", wrong).code == 3
    assert ap("accounts", "totp", "--key", "not-a-key!", "--code", "123456").code == 3
    ap.ok("accounts", "totp", "--key", secret, "--code", pyotp.TOTP(secret).now())
    assert next(a for a in admin.json("accounts", "list") if a["name"] == "chutich")["totp"] is True
    emergency = ("broadcast", "now", "--item", "1", "--target", "loa1", "--priority", "1", "--wait", "0.5")
    r = ap(*emergency)
    assert r.code == 7 and "--totp" in r.stderr
    r = ap(*emergency, "--totp", "000000" if pyotp.TOTP(secret).now() != "000000" else "111111")
    assert r.code == 7
    code = pyotp.TOTP(secret).at(time.time() + 30)  # the confirming code's step is used: the next one (±1 step is accepted)
    assert ap(*emergency, "--totp", code).code == 5, "with the code it reaches the engine (none runs here)"
    assert ap(*emergency, "--totp", code).code == 7, "a code is good once"
    # four eyes: an approver who changed an item cannot approve it
    admin.ok("accounts", "edit", "chutich", "--role", "approver", "--role", "operator")
    ap.ok("clips", "edit", "2", "--title", "Sửa bởi chủ tịch")
    r = ap("clips", "approve", "2")
    assert r.code == 7 and "Four eyes" in r.stderr


def test_every_command_has_a_role_rule() -> None:
    from desktop.cli import build_parser
    from desktop.cli.auth import RULES

    def leaves(p: argparse.ArgumentParser, prefix: list[str]) -> list[str]:
        for a in p._actions:
            if isinstance(a, argparse._SubParsersAction):
                return [x for name, sp in a.choices.items() for x in leaves(sp, [*prefix, name])]
        return [" ".join(prefix)]

    missing = sorted(set(leaves(build_parser(), [])) - set(RULES))
    assert not missing, f"commands without a role rule in desktop/cli/auth.py: {missing}"


def test_the_signing_key_is_stored_encrypted_and_needs_its_passphrase(cli: Cli, make_audio: Callable[..., Path], tmp_path: Path) -> None:
    secret = "cau-than-chu-ky-so"
    keyed = Cli(cli.data_dir, {"LOAXA_KEY_PASSPHRASE": secret})
    keyed.ok("keys", "generate", "--out", str(tmp_path / "huyen.key"))
    pem = (tmp_path / "huyen.key").read_text()
    assert "ENCRYPTED PRIVATE KEY" in pem and secret not in pem
    item = cli.json("clips", "add", str(make_audio("tin.mp3", seconds=1.0)), "--title", "Tin huyện")["id"]
    args = ("bundle", "create", "--out", str(tmp_path / "b.zip"), "--issuer", "H1", "--items", str(item), "--sign", str(tmp_path / "huyen.key"))
    r = cli(*args)
    assert r.code == 3 and "passphrase" in r.stderr and not (tmp_path / "b.zip").exists()
    r = Cli(cli.data_dir, {"LOAXA_KEY_PASSPHRASE": "sai-roi-nhe"})(*args)
    assert r.code == 3 and "Wrong passphrase" in r.stderr and not (tmp_path / "b.zip").exists()
    keyed.ok(*args)
    assert (tmp_path / "b.zip").exists()

"""``loaxa login``, ``logout``, ``accounts ...`` and ``audit list|verify``.

Passwords come from a file (``--password-file F``, ``-`` for standard input: its first line) or
are asked for on a terminal, never as an argument, and are never printed or logged.
"""

from __future__ import annotations

import getpass
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from schedules import accounts as acc_mod
from schedules import audit
from schedules import settings as settings_mod
from schedules.errors import InputRefused, NotPermitted, ProblemsFound
from schedules.i18n import N_, _

from . import auth
from .common import Context, emit, table


def register(b: Any, root: Any) -> None:
    p = b.leaf(root, "login", _("sign in (the token is kept in the OS keyring or an owner-only file)"), cmd_login)
    p.add_argument("--user", metavar=_("NAME"), help=_("the account's user name (asked for on a terminal)"))
    p.add_argument("--password-file", metavar=_("FILE"), help=_("read the password from this file's first line ('-' for standard input)"))
    p.add_argument("--totp", metavar=_("CODE"), help=_("the six-digit code of the authenticator app (accounts with a second factor)"))
    p.add_argument("--print-token", action="store_true", help=_("print the session token for LOAXA_TOKEN (scripts); it is then not stored"))
    b.leaf(root, "logout", _("sign out (the session token is revoked)"), cmd_logout)

    ac = b.group(root, "accounts", _("accounts and roles (admin)"))
    p = b.leaf(ac, "add", _("add an account"), cmd_accounts_add)
    p.add_argument("name", metavar=_("NAME"))
    p.add_argument("--role", action="append", required=True, choices=list(acc_mod.ROLES), help=_("a role (repeatable)"))
    p.add_argument("--password-file", metavar=_("FILE"), help=_("read the password from this file's first line ('-' for standard input)"))
    p.add_argument("--full-name", metavar=_("NAME"))
    b.leaf(ac, "list", _("list accounts"), cmd_accounts_list)
    p = b.leaf(ac, "edit", _("change an account's roles, password or full name"), cmd_accounts_edit)
    p.add_argument("name", metavar=_("NAME"))
    p.add_argument("--role", action="append", choices=list(acc_mod.ROLES), help=_("the roles it holds from now on (repeatable)"))
    p.add_argument("--password-file", metavar=_("FILE"))
    p.add_argument("--full-name", metavar=_("NAME"))
    for name, handler, text in (
        ("lock", cmd_accounts_lock, _("lock an account (it cannot sign in; its sessions end)")),
        ("unlock", cmd_accounts_unlock, _("unlock an account (also after too many failed sign-ins)")),
        ("remove", cmd_accounts_remove, _("remove an account (its name stays in the records)")),
    ):
        p = b.leaf(ac, name, text, handler)
        p.add_argument("name", metavar=_("NAME"))
    p = b.leaf(ac, "totp", _("set up the one-time codes of an authenticator app (your own account; an admin for anyone)"), cmd_accounts_totp)
    p.add_argument("name", metavar=_("NAME"), nargs="?")
    p.add_argument("--key", metavar=_("KEY"), help=_("the key shown before, to confirm it with --code (nothing is saved until a code matches)"))
    p.add_argument("--code", metavar=_("CODE"), help=_("the six digits the authenticator app shows for that key"))
    b.leaf(ac, "whoami", _("who is signed in"), cmd_accounts_whoami)

    au = b.group(root, "audit", _("the audit trail: who did what, when, from which PC"))
    p = b.leaf(au, "list", _("list audit records, newest first"), cmd_audit_list)
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
    p.add_argument("--until", metavar="YYYY-MM-DD")
    p.add_argument("--user", metavar=_("NAME"))
    p.add_argument("--action", metavar=_("ACTION"), help=_("an action or its beginning, e.g. item. or login"))
    p.add_argument("--limit", type=int, default=200, metavar="N")
    b.leaf(au, "verify", _("check the audit chain (exit 6 naming the first row edited, deleted or inserted by hand)"), cmd_audit_verify)


# --- passwords ----------------------------------------------------------------------------------


def read_password(path: str | None, *, confirm: bool = False, prompt: str | None = None) -> str:
    """A password from ``path`` (first line; ``-`` standard input) or asked on a terminal."""
    if path:
        try:
            raw = sys.stdin.readline() if path == "-" else Path(path).read_text(encoding="utf-8").splitlines()[0]
        except IndexError:
            raw = ""
        except OSError as exc:
            raise InputRefused(_("Cannot read the password file {path}: {error}", path=path, error=exc.strerror or exc)) from None
        pw = raw.rstrip("\r\n")
        if not pw:
            raise InputRefused(_("The password file {path} is empty.", path=path))
        return pw
    if not sys.stdin.isatty():
        raise InputRefused(_("No terminal to ask for the password: give --password-file FILE ('-' for standard input)."))
    pw = getpass.getpass(prompt or _("Password: "))
    if confirm and getpass.getpass(_("Password again: ")) != pw:
        raise InputRefused(_("The two passwords differ; nothing was changed."))
    return pw


# --- login --------------------------------------------------------------------------------------


def cmd_login(ctx: Context) -> int:
    a = ctx.args
    ws = ctx.ws
    name = a.user
    if not name:
        if not sys.stdin.isatty():
            raise InputRefused(_("Say who signs in: loaxa login --user NAME."))
        name = input(_("User name: ")).strip()
    password = read_password(a.password_file)
    with ws.session() as s:
        if not acc_mod.any_accounts(s):
            raise InputRefused(_("This database has no accounts yet: create the admin with loaxa init --admin-user NAME."))
        result = acc_mod.authenticate(s, name, password)
    if result.account is None:
        raise NotPermitted(acc_mod.login_message(result))
    with ws.session() as s:
        acc = acc_mod.get(s, result.account.name)
        if acc.totp_secret and not acc_mod.totp_check(s, acc, a.totp):
            s.commit()  # keep what the check recorded (the audit of a reused code)
            raise NotPermitted(
                _("This account needs its one-time code: loaxa login --user {name} --totp CODE (a wrong or used code is refused).", name=acc.name)
            )
        hours = float(settings_mod.get(s, "accounts.session_hours"))
        token = acc_mod.open_session(s, acc, hours=hours, pc=ws.pc_name if hasattr(ws, "pc_name") else None)
        roles = list(acc.roles or [])
    until = datetime.now(UTC) + timedelta(hours=hours)
    store = "printed" if a.print_token else auth.store_token(ws.data_dir, ws.db_url, token)
    data = {"user": acc.name, "roles": roles, "until": until.astimezone(ctx.tz).isoformat(timespec="minutes"), "stored_in": store}
    if a.print_token:
        sys.stdout.write(token + "\n")
        return 0
    where = _("the keyring") if store == "keyring" else _("an owner-only file in the data folder")
    emit(
        ctx,
        data,
        _(
            "Signed in as {name} ({roles}) until {until}; the token is kept in {where}.",
            name=acc.name,
            roles=", ".join(acc_mod.role_title(r) for r in roles),
            until=data["until"],
            where=where,
        ),
    )
    return 0


def cmd_logout(ctx: Context) -> int:
    ws = ctx.ws
    token = auth.load_token(ws.data_dir, ws.db_url)
    revoked = False
    if token:
        with ws.session() as s:
            acc = acc_mod.resolve(s, token)
            revoked = acc_mod.revoke(s, token)
            if acc is not None:
                audit.set_actor(acc.name)
                audit.record(s, "logout", "account", acc.name)
    auth.clear_token(ws.data_dir, ws.db_url)
    emit(ctx, {"signed_out": revoked}, _("Signed out.") if revoked else _("Nobody was signed in."))
    return 0


# --- accounts -----------------------------------------------------------------------------------


def cmd_accounts_add(ctx: Context) -> int:
    a = ctx.args
    acc_mod.check_name(a.name)
    acc_mod.check_roles(a.role)
    pw = read_password(a.password_file, confirm=True)
    with ctx.ws.session() as s:
        d = acc_mod.account_dict(acc_mod.add(s, a.name, a.role, pw, a.full_name))
    emit(ctx, d, _("Account {name} added ({roles}).", name=d["name"], roles=", ".join(acc_mod.role_title(r) for r in d["roles"])))
    return 0


def cmd_accounts_list(ctx: Context) -> int:
    with ctx.ws.sessions() as s:
        rows = [acc_mod.account_dict(x) for x in acc_mod.listing(s)]

    def text() -> str:
        state = lambda d: _("locked") if d["locked"] else (_("locked until {t}", t=d["locked_until"][11:16]) if d["locked_until"] else _("active"))  # noqa: E731
        return table(
            [[d["name"], d["full_name"] or "", ", ".join(acc_mod.role_title(r) for r in d["roles"]), state(d), _("yes") if d["totp"] else ""] for d in rows],
            [_("User"), _("Full name"), _("Roles"), _("State"), _("One-time codes")],
        )

    emit(ctx, rows, text)
    return 0


def cmd_accounts_edit(ctx: Context) -> int:
    a = ctx.args
    if a.role is None and a.password_file is None and a.full_name is None:
        raise InputRefused(_("Nothing to change: give --role, --password-file or --full-name."))
    pw = read_password(a.password_file) if a.password_file else None
    with ctx.ws.session() as s:
        d = acc_mod.account_dict(acc_mod.edit(s, a.name, roles=a.role, password=pw, full_name=a.full_name))
    emit(ctx, d, _("Account {name} changed.", name=d["name"]))
    return 0


def _simple(ctx: Context, fn: Any, message: str) -> int:
    with ctx.ws.session() as s:
        d = acc_mod.account_dict(fn(s, ctx.args.name))
    emit(ctx, d, _(message, name=d["name"]))
    return 0


def cmd_accounts_lock(ctx: Context) -> int:
    return _simple(ctx, acc_mod.lock, N_("Account {name} locked; its sessions ended."))


def cmd_accounts_unlock(ctx: Context) -> int:
    return _simple(ctx, acc_mod.unlock, N_("Account {name} unlocked."))


def cmd_accounts_remove(ctx: Context) -> int:
    return _simple(ctx, acc_mod.remove, N_("Account {name} removed; its name stays in the records."))


def cmd_accounts_totp(ctx: Context) -> int:
    me = auth.signed_in(ctx)
    name = ctx.args.name or (me.name if me else None)
    if not name:
        raise InputRefused(_("Say whose one-time codes to set up: loaxa accounts totp NAME."))
    if me is not None and name.strip().lower() != me.name and not acc_mod.has_role(me, acc_mod.ADMIN):
        raise NotPermitted(
            _(
                "{name} may not do this: {what} needs the role {role}. Nothing was changed.",
                name=me.name,
                what="loaxa accounts totp",
                role=acc_mod.role_title(acc_mod.ADMIN),
            )
        )
    if ctx.args.key or ctx.args.code:  # the second step: the app holds the key, a code proves it
        if not ctx.args.key or not ctx.args.code:  # the key itself is checked by totp_confirm
            raise InputRefused(
                _("Confirm with both the key shown and the current code: loaxa accounts totp {name} --key KEY --code CODE. Nothing was changed.", name=name)
            )
        with ctx.ws.session() as s:
            acc_mod.totp_confirm(s, name, ctx.args.key, ctx.args.code)
        emit(ctx, {"user": name, "saved": True}, _("One-time codes set up for {name}: sign-ins and emergencies will ask for them.", name=name))
        return 0
    with ctx.ws.session() as s:
        secret, uri = acc_mod.totp_offer(s, name)  # not saved: a first code from the app confirms it
    ask = not ctx.json and sys.stdin.isatty() and sys.stdout.isatty()
    data = {"user": name, "secret": secret, "uri": uri, "saved": False, "confirm": f"loaxa accounts totp {name} --key {secret} --code CODE"}

    def text() -> str:
        lines = [_("Add this account to the authenticator app: scan the code or type the key."), _("Key: {secret}", secret=secret), uri]
        try:
            import io

            import segno

            buf = io.StringIO()
            segno.make(uri, error="m").terminal(out=buf, compact=True)
            lines.append(buf.getvalue())
        except ImportError:
            pass
        if not ask:
            lines.append(_("Nothing is saved yet. When the app shows a code, confirm: {cmd}", cmd=data["confirm"]))
        return "\n".join(lines)

    emit(ctx, data, text)
    if ask:
        code = input(_("The six digits the app shows now (nothing is saved without them): "))
        with ctx.ws.session() as s:
            acc_mod.totp_confirm(s, name, secret, code)
        print(_("One-time codes set up for {name}: sign-ins and emergencies will ask for them.", name=name))
    return 0


def cmd_accounts_whoami(ctx: Context) -> int:
    acc = auth.signed_in(ctx)
    d = acc_mod.account_dict(acc) if acc is not None else None
    emit(
        ctx,
        d,
        _("Signed in as {name} ({roles}).", name=acc.name, roles=", ".join(acc_mod.role_title(r) for r in acc.roles)) if acc else _("Nobody is signed in."),
    )
    return 0


# --- audit --------------------------------------------------------------------------------------


def cmd_audit_list(ctx: Context) -> int:
    a = ctx.args
    start = until = None
    if a.start or a.until:
        from schedules.timeutil import parse_date, window_for_dates

        first = parse_date(a.start, field="--from") if a.start else parse_date("2000-01-01", field="--from")
        last = parse_date(a.until, field="--until") if a.until else ctx.today()
        start, until = window_for_dates(first, last, ctx.tz)
    with ctx.ws.sessions() as s:
        rows = [audit.entry_dict(e) for e in audit.entries(s, start=start, until=until, user=a.user, action=a.action, limit=a.limit)]
    for r in rows:
        if r["at"]:
            r["at"] = datetime.fromisoformat(r["at"]).astimezone(ctx.tz).isoformat(timespec="seconds")

    def text() -> str:
        def who(r: dict[str, Any]) -> str:
            name = r["actor"] or "?"
            return _("{name} (before accounts)", name=name) if r["before_accounts"] else name

        def what(r: dict[str, Any]) -> str:
            bits = [f"{k}={v}" for k, v in (r["details"] or {}).items()]
            if r["before"] is not None or r["after"] is not None:
                bits.append(f"{r['before']} → {r['after']}")
            return "; ".join(bits)[:120]

        return table(
            [
                [r["id"], r["at"][:19].replace("T", " "), who(r), r["action"], f"{r['object_kind']} {r['object_id'] or ''}".strip(), r["pc"] or "", what(r)]
                for r in rows
            ],
            ["#", _("When"), _("Who"), _("Action"), _("Object"), _("PC"), _("Details")],
        )

    emit(ctx, rows, text)
    return 0


PROBLEMS = {
    "edited": N_("Audit row {row} was changed after it was written (its content no longer matches its hash)."),
    "chain_broken": N_("The audit chain breaks at row {row}: a row before it was deleted or inserted by hand."),
    "rows_missing_at_end": N_("Audit rows were deleted from the end of the log (row {row} and later are missing)."),
    "extra_rows": N_("The audit log holds more rows than were written (last row {row}): rows were inserted by hand."),
}


def cmd_audit_verify(ctx: Context) -> int:
    v = audit.verify(ctx.ws.engine)
    if v.ok:
        emit(ctx, {"ok": True, "rows": v.rows}, _("The audit chain holds: {n} rows checked.", n=v.rows))
        return 0
    message = _(PROBLEMS[v.problem or "edited"], row=v.bad_row)
    if ctx.json:  # one document: the finding, with the error's code
        emit(ctx, {"ok": False, "rows": v.rows, "bad_row": v.bad_row, "problem": v.problem, "error": {"code": ProblemsFound.exit_code, "message": message}})
        sys.stderr.write(f"{_('Error')}: {message}\n")
        return ProblemsFound.exit_code
    raise ProblemsFound(message)


# --- loaxa init: the first admin, demo accounts -------------------------------------------------

DEMO_ACCOUNTS = (
    ("quantri", [acc_mod.ADMIN], "Quản trị"),
    ("canbo", [acc_mod.OPERATOR], "Cán bộ văn hóa"),
    ("chutich", [acc_mod.APPROVER], "Chủ tịch xã"),
    ("kythuat", [acc_mod.TECHNICIAN], "Kỹ thuật viên"),
)


def add_init_arguments(p: Any) -> None:
    p.add_argument("--admin-user", metavar=_("NAME"), help=_("create the admin account with this name (asked for on a terminal otherwise)"))
    p.add_argument("--admin-password-file", metavar=_("FILE"), help=_("the admin's password, read from this file's first line ('-' for standard input)"))
    p.add_argument(
        "--demo-accounts", action="store_true", help=_("also create demo accounts (admin, operator, approver, technician); their passwords are printed once")
    )


def init_check(ctx: Context) -> None:
    """``init`` on a database that has accounts: it makes no first admin, and adds demo content
    only for a signed-in technician or admin."""
    with ctx.ws.sessions() as s:
        if not acc_mod.any_accounts(s):
            return
    if ctx.args.admin_user or ctx.args.demo_accounts:
        raise InputRefused(_("This database already has accounts: add more with loaxa accounts add (admin)."))
    if ctx.args.demo:
        me = auth.signed_in(ctx)
        if me is None or not (acc_mod.has_role(me, acc_mod.TECHNICIAN) or acc_mod.has_role(me, acc_mod.ADMIN)):
            raise NotPermitted(
                _(
                    "{name} may not do this: {what} needs the role {role}. Nothing was changed.",
                    name=me.name if me else "?",
                    what="loaxa init --demo",
                    role=acc_mod.role_title(acc_mod.TECHNICIAN),
                )
            )
        audit.set_actor(me.name)


def init_accounts(ctx: Context) -> dict[str, Any]:
    a = ctx.args
    out: dict[str, Any] = {}
    with ctx.ws.sessions() as s:
        if acc_mod.any_accounts(s):
            return {"accounts": "already"}
    name = a.admin_user
    if name is None and a.admin_password_file is None and sys.stdin.isatty() and sys.stdout.isatty() and not ctx.json:
        name = input(_("Create the admin account now (user name, or Enter to do it later): ")).strip() or None
    if name is None and a.admin_password_file:
        raise InputRefused(_("--admin-password-file needs --admin-user NAME."))
    demo: list[dict[str, Any]] = []
    with ctx.ws.session() as s:
        if name is not None:
            acc_mod.check_name(name)
            pw = read_password(a.admin_password_file, confirm=True, prompt=_("Password for {name}: ", name=name))
            acc_mod.add(s, name, [acc_mod.ADMIN], pw)
            out["admin"] = acc_mod.check_name(name)
        if a.demo_accounts:
            import secrets

            for user, roles, full in DEMO_ACCOUNTS:
                if user == out.get("admin"):
                    continue
                pw = secrets.token_urlsafe(9)
                acc_mod.add(s, user, roles, pw, full)
                demo.append({"name": user, "roles": roles, "password": pw})
    if demo:
        out["demo_accounts"] = demo
    if not out:
        out["accounts"] = "none"
    return out


def init_text(r: dict[str, Any]) -> str:
    lines: list[str] = []
    if r.get("admin"):
        lines.append(_("Admin account {name} created. Sign in with: loaxa login --user {name}", name=r["admin"]))
    for d in r.get("demo_accounts", []):
        lines.append(
            _(
                "Demo account {name} ({roles}), password {password} (shown only now)",
                name=d["name"],
                roles=", ".join(acc_mod.role_title(x) for x in d["roles"]),
                password=d["password"],
            )
        )
    if r.get("accounts") == "none":
        lines.append(_("No accounts yet: anyone using this PC may change everything. Create the admin with loaxa init --admin-user NAME."))
    return "\n".join(lines)


# --- the signing key's passphrase (loaxa keys generate, bundle create --sign) -------------------


def new_key_passphrase() -> bytes | None:
    """The passphrase for a new signing key: LOAXA_KEY_PASSPHRASE, else asked twice on a terminal.
    Without either (an old script), the key is written in clear and a warning says so."""
    import os

    env = os.environ.get("LOAXA_KEY_PASSPHRASE")
    if env:
        return env.encode()
    if sys.stdin.isatty():
        first = getpass.getpass(_("Passphrase for the new signing key: "))
        if len(first) < 8:
            raise InputRefused(_("The passphrase is too short: at least {n} characters.", n=8))
        if getpass.getpass(_("Passphrase again: ")) != first:
            raise InputRefused(_("The two passphrases differ; no key was made."))
        return first.encode()
    sys.stderr.write(_("Warning: no terminal and no LOAXA_KEY_PASSPHRASE: the private key is stored without a passphrase.") + "\n")
    return None


def ask_sign_passphrase(ctx: Context) -> None:
    """Before ``bundle create --sign KEY``: ask for the key's passphrase on a terminal when it has
    one and LOAXA_KEY_PASSPHRASE does not give it (kept in this process only)."""
    import os

    from schedules import keys as keys_mod

    key = getattr(ctx.args, "sign", None)
    if not key or os.environ.get("LOAXA_KEY_PASSPHRASE") or not Path(key).is_file():
        return
    if keys_mod.is_encrypted(Path(key)) and sys.stdin.isatty():
        os.environ["LOAXA_KEY_PASSPHRASE"] = getpass.getpass(_("Passphrase of {path}: ", path=key))

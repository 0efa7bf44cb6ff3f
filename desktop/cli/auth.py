"""Who runs this command, and may they: the one place the command line checks roles.

:data:`RULES` maps every leaf command to the role it needs (a test walks the parser and fails on
a command missing here). :func:`authorize` runs once, before the handler:

- a database with no accounts yet is in "before accounts" mode: nothing is asked (wave-1
  databases and scripts keep working until ``loaxa init --admin-user`` or ``accounts add``);
- otherwise the signed-in account (``LOAXA_TOKEN``, else the token ``loaxa login`` stored in the
  OS keyring or an owner-only file in the data folder) must hold the role, or the command exits
  7 and changes nothing; ``--by`` / ``--approve-by`` must name that account (when left out, they
  take its name).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schedules import accounts as acc_mod
from schedules import audit
from schedules.accounts import ADMIN, APPROVER, OPERATOR, TECHNICIAN
from schedules.errors import InputRefused, NotPermitted
from schedules.i18n import _
from schedules.models import Account

from .common import Context

log = logging.getLogger("loaxa.cli.auth")

OPEN = "open"  # no sign-in: the engine and other services, the window (own login), login itself
READ = "read"  # any signed-in account (once accounts exist)
TOKEN_FILE = "session-token"
KEYRING_SERVICE = "LoaXa session"


@dataclass(frozen=True)
class Rule:
    role: str  # OPEN, READ or a role
    more: Callable[[Context], list[str]] | None = None  # extra roles the arguments call for
    actor_args: tuple[str, ...] = ()  # arguments that name the acting person (--by, --approve-by)


def _approving(ctx: Context) -> list[str]:
    return [APPROVER] if getattr(ctx.args, "approve_by", None) else []


def is_emergency(ctx: Context) -> bool:
    """``broadcast now`` at priority 1: asked for, or the content's own when none is given."""
    a = ctx.args
    given = str(getattr(a, "priority", "") or "").strip()
    if given:
        return given == "1"
    with ctx.ws.sessions() as s:
        return acc_mod.content_priority(s, getattr(a, "item", None) and [a.item], getattr(a, "playlist", None)) == 1


def _broadcast(ctx: Context) -> list[str]:
    # an emergency, or a file (it is approved on the way), is the approver's call
    return [APPROVER] if getattr(ctx.args, "file", None) or is_emergency(ctx) else [OPERATOR]


def _setting(ctx: Context) -> list[str]:
    # the sign-in settings are the admin's; the others the technician's
    return [ADMIN] if str(getattr(ctx.args, "key", "")).startswith("accounts.") else [TECHNICIAN]


RULES: dict[str, Rule] = {
    "init": Rule(OPEN),  # checked by the command itself (it makes the first admin)
    "login": Rule(OPEN),
    "logout": Rule(OPEN),
    "gui": Rule(OPEN),  # the window has its own sign-in
    "engine": Rule(OPEN),  # a service without a person; each command it runs carries its user
    "httn run": Rule(OPEN),  # likewise, the province adapter's service
    "httn-sim": Rule(OPEN),  # a test double of the province server, no database
    # the library: operators prepare, approvers approve and withdraw
    "clips add": Rule(OPERATOR, _approving, ("approve_by",)),
    "clips say": Rule(OPERATOR, _approving, ("approve_by",)),
    "clips compose": Rule(OPERATOR, _approving, ("approve_by",)),
    "clips edit": Rule(OPERATOR),
    "clips render": Rule(OPERATOR),
    "clips approve": Rule(APPROVER, None, ("by",)),
    "clips reject": Rule(APPROVER, None, ("by",)),
    "clips retire": Rule(APPROVER, None, ("by",)),
    "clips restore": Rule(APPROVER),
    "clips list": Rule(READ),
    "clips show": Rule(READ),
    "clips text": Rule(READ),
    "playlists create": Rule(OPERATOR),
    "playlists edit": Rule(OPERATOR),
    "playlists add-relay": Rule(OPERATOR),
    "playlists items": Rule(OPERATOR),
    "playlists list": Rule(READ),
    "playlists show": Rule(READ),
    "playlists export": Rule(READ),
    "schedules add": Rule(OPERATOR),
    "schedules remove": Rule(OPERATOR),
    "schedules skip": Rule(OPERATOR),
    "schedules move": Rule(OPERATOR),
    "schedules enable": Rule(OPERATOR),
    "schedules disable": Rule(OPERATOR),
    "schedules list": Rule(READ),
    "holidays add": Rule(OPERATOR),
    "holidays rule": Rule(OPERATOR),
    "holidays list": Rule(READ),
    "plan": Rule(READ),
    "campaigns add": Rule(OPERATOR),
    "campaigns list": Rule(READ),
    "campaigns show": Rule(READ),
    "feedback add": Rule(OPERATOR),
    "feedback list": Rule(READ),
    "supply add": Rule(OPERATOR),
    "supply remove": Rule(OPERATOR),
    "supply list": Rule(READ),
    "bundle create": Rule(OPERATOR),
    "bundle import": Rule(OPERATOR),
    "bundle verify": Rule(READ),
    "bundle list": Rule(READ),
    "report": Rule(READ),
    # on air
    "broadcast now": Rule(READ, _broadcast, ("by",)),  # operator; approver for an emergency or a file
    "broadcast stop": Rule(APPROVER, None, ("by",)),
    "live": Rule(APPROVER, None, ("by",)),
    "status": Rule(READ),
    "runs list": Rule(READ),
    # the kit: technicians
    "areas add": Rule(TECHNICIAN),
    "areas edit": Rule(TECHNICIAN),
    "areas import": Rule(TECHNICIAN),
    "areas list": Rule(READ),
    "endpoints add": Rule(TECHNICIAN),
    "endpoints edit": Rule(TECHNICIAN),
    "endpoints test": Rule(TECHNICIAN),
    "endpoints list": Rule(READ),
    "settings set": Rule(READ, _setting),
    "settings reset": Rule(READ, _setting),
    "settings list": Rule(READ),
    "settings get": Rule(READ),
    "keys generate": Rule(TECHNICIAN),
    "keys trust": Rule(TECHNICIAN),
    "keys revoke": Rule(TECHNICIAN),
    "keys list": Rule(READ),
    "backup": Rule(TECHNICIAN),
    "restore": Rule(TECHNICIAN),
    "check": Rule(READ),
    "play": Rule(READ),
    "listen": Rule(READ),
    "simulate": Rule(READ),
    "relays config": Rule(TECHNICIAN),
    "service install": Rule(TECHNICIAN),
    "service uninstall": Rule(TECHNICIAN),
    "service status": Rule(READ),
    "httn setup": Rule(TECHNICIAN),
    "httn sync": Rule(TECHNICIAN),
    "httn pull": Rule(TECHNICIAN),
    "httn retry": Rule(TECHNICIAN),
    "httn status": Rule(READ),
    # accounts and the audit trail
    "accounts add": Rule(ADMIN),
    "accounts edit": Rule(ADMIN),
    "accounts lock": Rule(ADMIN),
    "accounts unlock": Rule(ADMIN),
    "accounts remove": Rule(ADMIN),
    "accounts list": Rule(ADMIN),
    "accounts totp": Rule(READ),  # one's own second factor (an admin's for anyone: checked there)
    "accounts whoami": Rule(READ),
    "audit list": Rule(READ),
    "audit verify": Rule(READ),
}


def command_key(args: Any) -> str:
    """The leaf command of parsed arguments: ``"clips approve"``, ``"plan"``."""
    words = [str(args.command)]
    sub = getattr(args, f"{args.command}_cmd", None)
    if sub:
        words.append(str(sub))
    return " ".join(words)


# --- the stored token ---------------------------------------------------------------------------


def _keyring_usable() -> bool:
    if os.environ.get("LOAXA_SESSION_STORE") == "file":
        return False
    try:
        import keyring

        return float(getattr(keyring.get_keyring(), "priority", 0)) > 0
    except Exception:  # noqa: BLE001 - a broken keyring backend means: use the file
        return False


def _key(data_dir: Path, db_url: str) -> str:
    return f"{Path(data_dir).resolve()}|{db_url}"


def store_token(data_dir: Path, db_url: str, token: str) -> str:
    """Keep the sign-in token in the OS keyring, else an owner-only file; returns which."""
    if _keyring_usable():
        try:
            import keyring

            keyring.set_password(KEYRING_SERVICE, _key(data_dir, db_url), token)
            (Path(data_dir) / TOKEN_FILE).unlink(missing_ok=True)
            return "keyring"
        except Exception as exc:  # noqa: BLE001 - fall back to the file, and say why in the log
            log.warning("keyring refused the session token (%s); using an owner-only file", type(exc).__name__)
    path = Path(data_dir) / TOKEN_FILE
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(token)
    os.replace(tmp, path)
    return "file"


def load_token(data_dir: Path, db_url: str) -> str | None:
    env = os.environ.get("LOAXA_TOKEN", "").strip()
    if env:
        return env
    if _keyring_usable():
        try:
            import keyring

            got = keyring.get_password(KEYRING_SERVICE, _key(data_dir, db_url))
            if got:
                return str(got)
        except Exception as exc:  # noqa: BLE001 - then the file, if any
            log.warning("the session token cannot be read from the keyring (%s)", type(exc).__name__)
    try:
        return (Path(data_dir) / TOKEN_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def clear_token(data_dir: Path, db_url: str) -> None:
    if _keyring_usable():
        try:
            import keyring

            keyring.delete_password(KEYRING_SERVICE, _key(data_dir, db_url))
        except Exception:  # noqa: BLE001 - nothing stored there
            pass
    (Path(data_dir) / TOKEN_FILE).unlink(missing_ok=True)


# --- the check ----------------------------------------------------------------------------------


def _database_exists(ctx: Context) -> bool:
    if getattr(ctx.args, "db", None) or os.environ.get("LOAXA_DB"):
        return True
    from schedules.workspace import default_data_dir, stored_db_url

    data_dir = Path(getattr(ctx.args, "data_dir", None) or os.environ.get("LOAXA_DATA_DIR") or default_data_dir()).expanduser()
    return (data_dir / "loaxa.db").exists() or stored_db_url(data_dir) is not None


def signed_in(ctx: Context) -> Account | None:
    """The account of this command (resolved once), or None when nobody is signed in."""
    if "account" not in ctx.extra:
        token = load_token(ctx.ws.data_dir, ctx.ws.db_url)
        with ctx.ws.sessions() as s:
            ctx.extra["account"] = acc_mod.resolve(s, token)
    acc: Account | None = ctx.extra["account"]
    return acc


def authorize(ctx: Context) -> None:
    """Refuse (exit 7, before anything is changed) a command the signed-in user may not run."""
    audit.set_actor(None)
    key = command_key(ctx.args)
    rule = RULES.get(key)
    if rule is None:
        raise NotPermitted(_("The command '{command}' has no role rule; nothing was done (a bug: please report it).", command=key))
    if rule.role == OPEN or not _database_exists(ctx):
        return  # no database yet: no accounts either (and none is made just to find that out)
    with ctx.ws.sessions() as s:
        if not acc_mod.any_accounts(s):
            if key == "clips approve" and not (getattr(ctx.args, "by", None) or "").strip():
                raise InputRefused(_("--by NAME: say who approves (until accounts exist, the name is recorded as typed)."))
            return  # before accounts: free-text names, as in wave 1
    acc = signed_in(ctx)
    what = f"loaxa {key}"
    if acc is None:
        raise NotPermitted(_("Sign in first: loaxa login --user NAME (or LOAXA_TOKEN for scripts). Nothing was changed."))
    needed = ([] if rule.role == READ else [rule.role]) + (rule.more(ctx) if rule.more else [])
    for role in needed:
        if not acc_mod.has_role(acc, role):
            raise NotPermitted(
                _("{name} may not do this: {what} needs the role {role}. Nothing was changed.", name=acc.name, what=what, role=acc_mod.role_title(role))
            )
    for arg in rule.actor_args:
        given = getattr(ctx.args, arg, None)
        if given is None:
            setattr(ctx.args, arg, acc.name)
        elif given.strip().lower() not in {acc.name, (acc.full_name or "").strip().lower()}:
            flag = "--" + arg.replace("_", "-")
            raise NotPermitted(
                _("{flag} {given}: you are signed in as {name}; you act only in your own name. Nothing was changed.", flag=flag, given=given, name=acc.name)
            )
        else:
            setattr(ctx.args, arg, acc.name)
    _second_checks(ctx, key, acc)
    audit.set_actor(acc.name)


def _second_checks(ctx: Context, key: str, acc: Account) -> None:
    """The settings that ask more than a role: a one-time code for emergencies, four eyes."""
    from schedules import settings as settings_mod

    with ctx.ws.session() as s:
        if key == "broadcast now" and settings_mod.get(s, "accounts.totp_emergency") and is_emergency(ctx):
            me = acc_mod.get(s, acc.name)
            if not me.totp_secret:
                raise NotPermitted(
                    _("Emergency broadcasts need a one-time code, and {name} has none set up: loaxa accounts totp. Nothing was sent.", name=acc.name)
                )
            if not acc_mod.totp_check(s, me, getattr(ctx.args, "totp", None)):
                s.commit()  # the refused code is in the audit log
                raise NotPermitted(
                    _(
                        "An emergency broadcast needs the current one-time code of your authenticator app (--totp CODE); a wrong or already used code is refused. Nothing was sent."
                    )
                )
        if settings_mod.get(s, "accounts.four_eyes"):
            item_id = getattr(ctx.args, "id", None) if key == "clips approve" else None
            if item_id is not None and acc_mod.touched_item(s, int(item_id), acc.name):
                raise NotPermitted(
                    _("Four eyes: {name} added or changed item {id}, so another approver must approve it. Nothing was changed.", name=acc.name, id=item_id)
                )
            if key in ("clips add", "clips say", "clips compose") and getattr(ctx.args, "approve_by", None):
                raise NotPermitted(_("Four eyes: nobody approves what they add themselves; add it as a draft and ask another approver. Nothing was changed."))

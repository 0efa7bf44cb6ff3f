"""Accounts, roles, sign-in sessions and one-time codes: who may do what.

Roles: **operator** (library, playlists, schedules, drafts), **approver** (approves items, sends
emergency broadcasts, stops airings), **technician** (endpoints, kit, settings, keys, backups),
**admin** (accounts). A person may hold several roles; no role implies another.

Passwords are hashed with Argon2id and never kept or logged in clear. Five failed sign-ins in a row
lock an account for a delay that doubles with every further failure. A sign-in gives a random
token; only its SHA-256 is stored, with an expiry, and it can be revoked.

A database with no accounts yet (a wave-1 database, or one whose ``init`` made no admin) is in
"before accounts" mode: nothing asks for a sign-in, and audit rows keep their free-text names,
marked as made before accounts. The first account ends that mode for good.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from . import audit
from .clock import SYSTEM_CLOCK, Clock
from .errors import InputRefused, NotFound, NotPermitted
from .i18n import N_, _
from .models import Account, AccountSession, Command

OPERATOR, APPROVER, TECHNICIAN, ADMIN = "operator", "approver", "technician", "admin"
ROLES = (OPERATOR, APPROVER, TECHNICIAN, ADMIN)
ROLE_TITLES = {OPERATOR: N_("operator"), APPROVER: N_("approver"), TECHNICIAN: N_("technician"), ADMIN: N_("admin")}

MIN_PASSWORD = 10
MAX_FAILURES = 5
FIRST_LOCK_S = 30.0
MAX_LOCK_S = 3600.0
SESSION_HOURS = 12.0
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")

_hasher: Any = None


def _ph() -> Any:
    global _hasher
    if _hasher is None:
        from argon2 import PasswordHasher, Type

        _hasher = PasswordHasher(type=Type.ID)  # argon2-cffi's RFC 9106 low-memory profile
    return _hasher


def role_title(role: str) -> str:
    return _(ROLE_TITLES.get(role, role))


# --- checks -------------------------------------------------------------------------------------


def check_name(name: str) -> str:
    """A user name: 2-32 characters, lower-case letters without accents, digits, ``.``, ``_``, ``-``."""
    n = (name or "").strip().lower()
    if not _NAME.fullmatch(n):
        raise InputRefused(_("User name '{name}': use 2 to 32 letters without accents, digits, '.', '_' or '-' (e.g. chutich.xa).", name=name))
    return n


def check_roles(roles: list[str]) -> list[str]:
    out: list[str] = []
    for r in roles:
        r = r.strip().lower()
        if r not in ROLES:
            raise InputRefused(_("Unknown role '{role}': choose from {roles}.", role=r, roles=", ".join(ROLES)))
        if r not in out:
            out.append(r)
    if not out:
        raise InputRefused(_("Give the account at least one role ({roles}).", roles=", ".join(ROLES)))
    return out


def check_password(name: str, password: str) -> None:
    """At least MIN_PASSWORD characters, and not built on the user name (in any case, forwards or back)."""
    if len(password) < MIN_PASSWORD:
        raise InputRefused(_("The password is too short: at least {n} characters.", n=MIN_PASSWORD))
    low = password.strip().lower()
    if name.lower() in low or name.lower() in low[::-1]:
        raise InputRefused(_("The password must not contain the user name."))


def hash_password(password: str) -> str:
    return str(_ph().hash(password))


def _password_ok(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return bool(_ph().verify(stored, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# --- accounts -----------------------------------------------------------------------------------


def any_accounts(session: Session) -> bool:
    """True once the database has an account: from then on every change needs a sign-in."""
    return session.execute(select(Account.id).where(Account.removed_at.is_(None)).limit(1)).first() is not None


def get(session: Session, name: str) -> Account:
    acc = session.scalar(select(Account).where(Account.name == (name or "").strip().lower(), Account.removed_at.is_(None)))
    if acc is None:
        raise NotFound(_("No account named '{name}' (loaxa accounts list).", name=name))
    return acc


def find(session: Session, name: str | None) -> Account | None:
    if not name:
        return None
    return session.scalar(select(Account).where(Account.name == name.strip().lower(), Account.removed_at.is_(None)))


def listing(session: Session) -> list[Account]:
    return list(session.scalars(select(Account).where(Account.removed_at.is_(None)).order_by(Account.name)))


def account_dict(a: Account, now: datetime | None = None, *, clock: Clock = SYSTEM_CLOCK) -> dict[str, Any]:
    now = now or clock.now()
    return {
        "name": a.name,
        "full_name": a.full_name,
        "roles": list(a.roles or []),
        "locked": bool(a.locked),
        "locked_until": a.locked_until.isoformat() if a.locked_until and a.locked_until > now else None,
        "failed_logins": a.failed_logins or 0,
        "totp": a.totp_secret is not None,
        "last_login_at": a.last_login_at.isoformat() if a.last_login_at else None,
    }


def add(session: Session, name: str, roles: list[str], password: str, full_name: str | None = None) -> Account:
    """A new account (InputRefused for a bad name, role or password; nothing written then)."""
    name = check_name(name)
    roles = check_roles(roles)
    check_password(name, password)
    if session.scalar(select(Account.id).where(Account.name == name)) is not None:
        raise InputRefused(_("An account named '{name}' already exists (or existed: names are never reused).", name=name))
    if full_name is not None:
        from .text import check_text

        full_name = check_text(full_name, field=_("full name"), max_len=200)
    acc = Account(name=name, full_name=full_name, roles=roles, password_hash=hash_password(password), failed_logins=0, locked=False)
    session.add(acc)
    session.flush()
    session.info["loaxa_accounts_exist"] = True
    audit.record(session, "account.add", "account", name, after={"roles": roles, "full_name": full_name})
    return acc


def edit(session: Session, name: str, *, roles: list[str] | None = None, password: str | None = None, full_name: str | None = None) -> Account:
    acc = get(session, name)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    if roles is not None:
        roles = check_roles(roles)
        if ADMIN in (acc.roles or []) and ADMIN not in roles:
            _keep_an_admin(session, acc)
        before["roles"], after["roles"] = list(acc.roles or []), roles
        acc.roles = roles
    if password is not None:
        check_password(acc.name, password)
        acc.password_hash = hash_password(password)
        after["password"] = "changed"
        revoke_all(session, acc)
    if full_name is not None:
        from .text import check_text

        before["full_name"], after["full_name"] = acc.full_name, check_text(full_name, field=_("full name"), max_len=200)
        acc.full_name = after["full_name"]
    audit.record(session, "account.edit", "account", acc.name, before=before or None, after=after or None)
    return acc


def _keep_an_admin(session: Session, leaving: Account) -> None:
    others = [a for a in listing(session) if a.id != leaving.id and ADMIN in (a.roles or []) and not a.locked]
    if not others:
        raise InputRefused(_("'{name}' is the last admin who can sign in: add another admin first.", name=leaving.name))


def lock(session: Session, name: str) -> Account:
    acc = get(session, name)
    if ADMIN in (acc.roles or []):
        _keep_an_admin(session, acc)
    acc.locked = True
    revoke_all(session, acc)
    audit.record(session, "account.lock", "account", acc.name, before={"locked": False}, after={"locked": True})
    return acc


def unlock(session: Session, name: str) -> Account:
    acc = get(session, name)
    before = {"locked": bool(acc.locked), "failed_logins": acc.failed_logins}
    acc.locked, acc.failed_logins, acc.locked_until = False, 0, None
    audit.record(session, "account.unlock", "account", acc.name, before=before, after={"locked": False, "failed_logins": 0})
    return acc


def remove(session: Session, name: str, *, clock: Clock = SYSTEM_CLOCK) -> Account:
    """Remove an account: it cannot sign in again, its name stays in the records (never reused)."""
    acc = get(session, name)
    if ADMIN in (acc.roles or []):
        _keep_an_admin(session, acc)
    acc.removed_at = clock.now()
    revoke_all(session, acc, clock=clock)
    audit.record(session, "account.remove", "account", acc.name, before={"roles": list(acc.roles or [])})
    return acc


# --- signing in ---------------------------------------------------------------------------------


def lock_delay_s(failures: int) -> float:
    """How long an account stays locked after ``failures`` failed sign-ins in a row (0 below 5)."""
    if failures < MAX_FAILURES:
        return 0.0
    return float(min(MAX_LOCK_S, FIRST_LOCK_S * 2 ** (failures - MAX_FAILURES)))


@dataclass(frozen=True)
class LoginResult:
    """The outcome of one attempt: the account when it succeeded, else why not (a message id)."""

    account: Account | None
    problem: str | None = None  # bad | locked | admin_locked
    wait_s: float = 0.0


def authenticate(session: Session, name: str, password: str, now: datetime | None = None, *, clock: Clock = SYSTEM_CLOCK) -> LoginResult:
    """Check a name and password, recording the attempt (success, failure, lockout) in the audit log.

    The caller commits whatever the outcome (failures must be counted), then reports it."""
    now = now or clock.now()
    acc = find(session, name)
    if acc is None:
        _ph().hash(password)  # the same cost as a real check: no telling names apart by time
        audit.record(session, "login.failed", "account", (name or "")[:64], actor=(name or "")[:64], reason="unknown")
        return LoginResult(None, "bad")
    if acc.locked:
        audit.record(session, "login.refused", "account", acc.name, actor=acc.name, reason="locked by an admin")
        return LoginResult(None, "admin_locked")
    if acc.locked_until is not None and acc.locked_until > now:
        audit.record(session, "login.refused", "account", acc.name, actor=acc.name, reason="locked after failures")
        return LoginResult(None, "locked", (acc.locked_until - now).total_seconds())
    if not _password_ok(acc.password_hash, password):
        acc.failed_logins = (acc.failed_logins or 0) + 1
        delay = lock_delay_s(acc.failed_logins)
        audit.record(session, "login.failed", "account", acc.name, actor=acc.name, failures=acc.failed_logins)
        if delay:
            acc.locked_until = now + timedelta(seconds=delay)
            audit.record(session, "account.locked_out", "account", acc.name, actor=acc.name, failures=acc.failed_logins, seconds=delay)
            return LoginResult(None, "locked", delay)
        return LoginResult(None, "bad")
    acc.failed_logins, acc.locked_until, acc.last_login_at = 0, None, now
    audit.record(session, "login", "account", acc.name, actor=acc.name)
    return LoginResult(acc)


def login_message(result: LoginResult) -> str:
    if result.problem == "locked":
        return _("Too many failed sign-ins: this account is locked for {s} more seconds.", s=max(1, round(result.wait_s)))
    if result.problem == "admin_locked":
        return _("This account is locked by an admin: ask an admin to unlock it (loaxa accounts unlock).")
    return _("Wrong user name or password.")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(
    session: Session, acc: Account, *, hours: float | None = None, pc: str | None = None, now: datetime | None = None, clock: Clock = SYSTEM_CLOCK
) -> str:
    """A new sign-in token for ``acc`` (shown once; the database keeps its SHA-256)."""
    now = now or clock.now()
    token = "lx1_" + secrets.token_urlsafe(32)
    session.add(
        AccountSession(account_id=acc.id, token_sha256=_token_hash(token), created_at=now, expires_at=now + timedelta(hours=hours or SESSION_HOURS), pc=pc)
    )
    session.flush()
    return token


def resolve(session: Session, token: str | None, now: datetime | None = None, *, clock: Clock = SYSTEM_CLOCK) -> Account | None:
    """The account a token signs in, or None when it is unknown, expired, revoked or its account locked."""
    if not token:
        return None
    now = now or clock.now()
    row = session.scalar(select(AccountSession).where(AccountSession.token_sha256 == _token_hash(token.strip())))
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    acc = session.get(Account, row.account_id)
    if acc is None or acc.removed_at is not None or acc.locked:
        return None
    return acc


def revoke(session: Session, token: str, *, clock: Clock = SYSTEM_CLOCK) -> bool:
    res = session.execute(
        update(AccountSession)
        .where(AccountSession.token_sha256 == _token_hash(token.strip()), AccountSession.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
    return bool(res.rowcount)  # type: ignore[attr-defined]


def revoke_all(session: Session, acc: Account, *, clock: Clock = SYSTEM_CLOCK) -> None:
    session.execute(update(AccountSession).where(AccountSession.account_id == acc.id, AccountSession.revoked_at.is_(None)).values(revoked_at=clock.now()))


# --- roles --------------------------------------------------------------------------------------


def has_role(acc: Account | None, role: str) -> bool:
    return acc is not None and role in (acc.roles or [])


def require(session: Session, acc: Account | None, role: str, what: str) -> None:
    """NotPermitted (exit 7) unless ``acc`` holds ``role``; nothing to check before accounts."""
    if acc is None and not any_accounts(session):
        return
    if acc is None:
        raise NotPermitted(_("Sign in first (loaxa login --user NAME): {what} needs the role {role}.", what=what, role=role_title(role)))
    if not has_role(acc, role):
        raise NotPermitted(_("{name} may not do this: {what} needs the role {role}.", name=acc.name, what=what, role=role_title(role)))


def content_priority(session: Session, item_ids: list[int] | None, playlist_id: int | None) -> int | None:
    """The most urgent priority of these items or this playlist's items (1 = emergency)."""
    from .models import Item, PlaylistEntry

    if playlist_id is not None:
        q = select(Item.priority).join(PlaylistEntry, PlaylistEntry.item_id == Item.id).where(PlaylistEntry.playlist_id == playlist_id)
    elif item_ids:
        q = select(Item.priority).where(Item.id.in_(item_ids))
    else:
        return None
    prios = [int(p) for p in session.scalars(q) if p is not None]
    return min(prios) if prios else None


def touched_item(session: Session, item_id: int, name: str) -> bool:
    """Did ``name`` (signed in) add or change this item? Four eyes keeps them from approving it."""
    from .models import AuditEntry

    q = select(AuditEntry.id).where(
        AuditEntry.object_kind == "item",
        AuditEntry.object_id == str(item_id),
        AuditEntry.actor == name,
        AuditEntry.before_accounts.is_(False),
        AuditEntry.action.in_(("item.import", "item.edit", "item.add", "item.say", "item.compose", "item.campaign")),
    )
    return session.execute(q.limit(1)).first() is not None


def command_role(kind: str, payload: dict[str, Any], session: Session | None = None) -> str | None:
    """The role a queued engine command needs (None: any, e.g. reload)."""
    if kind in ("broadcast", "live"):
        prio = payload.get("priority")
        if prio is None and session is not None:
            prio = content_priority(session, payload.get("item_ids"), payload.get("playlist_id"))
        return APPROVER if prio is not None and int(prio) == 1 else OPERATOR
    if kind == "stop":
        return APPROVER
    if kind == "live_stop":
        return OPERATOR
    return None


def command_permitted(session: Session, command: Command | int) -> bool:
    """May the engine carry out this queued command? Its user (who queued it) must still hold
    the role at execution time. Before accounts everything is permitted."""
    cmd = command if isinstance(command, Command) else session.get(Command, command)
    if cmd is None:
        return False
    role = command_role(cmd.kind, dict(cmd.payload or {}), session)
    if role is None or not any_accounts(session):
        return True
    acc = find(session, cmd.created_by)
    return acc is not None and not acc.locked and has_role(acc, role)


# --- one-time codes (TOTP, RFC 6238) ------------------------------------------------------------


def totp_enrol(session: Session, name: str) -> tuple[str, str]:
    """Give the account a new TOTP secret at once, unconfirmed; returns (secret, otpauth URI).
    For set-ups made by a program; people get :func:`totp_offer` then :func:`totp_confirm`."""
    import pyotp

    acc = get(session, name)
    secret = pyotp.random_base32()
    acc.totp_secret, acc.totp_last_step = secret, None
    audit.record(session, "account.totp_enrol", "account", acc.name)
    return secret, pyotp.TOTP(secret).provisioning_uri(name=acc.name, issuer_name="LoaXa")


def totp_offer(session: Session, name: str) -> tuple[str, str]:
    """A new TOTP secret for the account and its otpauth URI, *not saved*: the window shows them
    (QR code and key) and saves the secret with :func:`totp_confirm` once a first code matches."""
    import pyotp

    acc = get(session, name)
    secret = pyotp.random_base32()
    return secret, pyotp.TOTP(secret).provisioning_uri(name=acc.name, issuer_name="LoaXa")


def totp_confirm(session: Session, name: str, secret: str, code: str | None, *, clock: Clock = SYSTEM_CLOCK) -> Account:
    """Save ``secret`` as the account's second factor when ``code`` is its current code (±1 step):
    proof that the authenticator app holds it. InputRefused otherwise, nothing saved. The code
    counts as used."""
    import pyotp

    acc = get(session, name)
    code = (code or "").strip()
    secret = secret.replace(" ", "").upper()  # as typed from the screen: groups, lower case
    if not re.fullmatch(r"[A-Z2-7]{16,64}", secret):
        raise InputRefused(_("That is not a key of one-time codes (letters A-Z and digits 2-7). The one-time codes were not set up."))
    totp = pyotp.TOTP(secret)
    step_now = int(clock.now().timestamp()) // totp.interval
    good = None
    if re.fullmatch(r"\d{6}", code):
        good = next((st for st in (step_now, step_now - 1, step_now + 1) if secrets.compare_digest(totp.generate_otp(st), code)), None)
    if good is None:
        raise InputRefused(_("The code does not match: type the six digits the authenticator app shows now. The one-time codes were not set up."))
    had = acc.totp_secret is not None
    acc.totp_secret, acc.totp_last_step = secret, good
    audit.record(session, "account.totp_enrol", "account", acc.name, clock=clock, before={"totp": had}, after={"totp": True})
    return acc


def totp_remove(session: Session, name: str) -> Account:
    """Take the account's second factor away (a lost phone): it signs in with its password alone."""
    acc = get(session, name)
    if acc.totp_secret is None:
        raise InputRefused(_("{name} has no one-time codes set up.", name=acc.name))
    acc.totp_secret, acc.totp_last_step = None, None
    audit.record(session, "account.totp_remove", "account", acc.name, before={"totp": True}, after={"totp": False})
    return acc


def totp_check(session: Session, acc: Account, code: str | None, now: datetime | None = None, *, clock: Clock = SYSTEM_CLOCK) -> bool:
    """True when ``code`` is the account's current code (±1 step) and was not used before."""
    import pyotp

    if not acc.totp_secret or not code or not re.fullmatch(r"\d{6}", code.strip()):
        return False
    now = now or clock.now()
    totp = pyotp.TOTP(acc.totp_secret)
    step_now = int(now.timestamp()) // totp.interval
    for step in (step_now, step_now - 1, step_now + 1):
        if secrets.compare_digest(totp.generate_otp(step), code.strip()):
            if acc.totp_last_step is not None and step <= acc.totp_last_step:
                audit.record(session, "totp.reused", "account", acc.name)
                return False
            acc.totp_last_step = step
            return True
    audit.record(session, "totp.failed", "account", acc.name)
    return False


def engine_check(session: Session, command_id: int) -> bool:
    """The engine's gate before it carries out a queued command: True to go on; otherwise the
    command is finished ``failed`` with ``not permitted`` and the refusal is in the audit log."""
    cmd = session.get(Command, command_id)
    if cmd is None or command_permitted(session, cmd):
        return True
    from . import commands

    commands.finish(session, command_id, "failed", {"error": "not permitted", "user": cmd.created_by})
    audit.record(session, "command.refused", "command", command_id, actor=cmd.created_by, kind=cmd.kind, reason="not permitted")
    return False


def check_four_eyes(session: Session, item_id: int, name: str | None) -> None:
    """NotPermitted when the four-eyes setting is on and ``name`` (signed in) added or changed the
    item: someone else must approve it. Nothing to check before accounts or without a name."""
    from . import settings as settings_mod

    if name and settings_mod.get(session, "accounts.four_eyes") and touched_item(session, item_id, name):
        raise NotPermitted(_("Four eyes: {name} added or changed item {id}, so another approver must approve it. Nothing was changed.", name=name, id=item_id))

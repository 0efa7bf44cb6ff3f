"""Signing keys for content bundles: Ed25519 key files, and the keys this commune trusts.

Key files are standard PEM so other tools can make and read them: the private key as PKCS#8
(``-----BEGIN PRIVATE KEY-----``), the public key as SubjectPublicKeyInfo
(``-----BEGIN PUBLIC KEY-----``). A key's id is the hex SHA-256 of its raw 32-byte public key, the
value a bundle names in ``issuer.key_id``.

A trusted key belongs to one issuer code. Revoking a key is final: bundles it signed are refused
from then on, and the same key cannot be trusted again (a revoked key is presumed compromised;
the issuer makes a new one).
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .areas import check_code
from .clock import utcnow
from .errors import InputRefused, NotFound
from .i18n import _
from .models import TrustedKey

MAX_KEY_FILE = 64 * 1024  # a PEM key is a few hundred bytes; anything larger is not a key file
KEY_ID_MIN_PREFIX = 8


def key_id(public_key: Ed25519PublicKey) -> str:
    """The key id: hex SHA-256 of the raw 32-byte public key."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def public_pem(public_key: Ed25519PublicKey) -> str:
    """The SubjectPublicKeyInfo PEM text of a public key."""
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")


def _read_key_file(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise InputRefused(_("'{path}' is too large to be a key file.", path=path), kind="key_file")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputRefused(_("'{path}' does not exist.", path=path), kind="key_file") from exc
    except OSError as exc:
        raise InputRefused(_("Cannot read '{path}': {error}", path=path, error=exc.strerror), kind="key_file") from exc


def _write_private(path: Path, data: bytes) -> None:
    """Create ``path`` readable by its owner only; an existing file is never overwritten."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    # On POSIX the mode makes the file owner-only from its first byte (no window where a
    # chmod has not yet happened). Windows ignores the mode bits; the file inherits the
    # ACL of the user's folder, which is already private to the user.
    fd = os.open(path, flags, 0o600)
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    if sys.platform != "win32":
        os.chmod(path, 0o600)  # the umask cannot widen it, but be explicit if the file system did


@dataclass(frozen=True)
class GeneratedKey:
    key_id: str
    private_path: Path
    public_path: Path

    def as_dict(self) -> dict[str, Any]:
        return {"key_id": self.key_id, "private_key": str(self.private_path), "public_key": str(self.public_path)}


def generate(out: Path, passphrase: bytes | None = None) -> GeneratedKey:
    """Make a new Ed25519 key pair: ``out`` (private, owner-only) and ``out.pub`` (public).

    With ``passphrase`` the private key is stored encrypted (PKCS#8 PEM, the best encryption the
    cryptography library offers); without it, in clear (for tests and old scripts).

    Refuses (exit 3) when either file exists: overwriting a private key would lose it for good.
    """
    out = Path(out)
    pub = out.with_name(out.name + ".pub")
    for p in (out, pub):
        if p.exists():
            raise InputRefused(_("'{path}' already exists; choose another name (a key file is never overwritten).", path=p), kind="exists")
    if not out.parent.is_dir():
        raise InputRefused(_("Folder '{path}' does not exist.", path=out.parent), kind="key_file")
    private = Ed25519PrivateKey.generate()
    enc: serialization.KeySerializationEncryption = serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc)
    try:
        _write_private(out, pem)
        pub.write_text(public_pem(private.public_key()), encoding="ascii")
    except OSError as exc:
        raise InputRefused(_("Cannot write '{path}': {error}", path=out, error=exc.strerror), kind="key_file") from exc
    return GeneratedKey(key_id(private.public_key()), out, pub)


def is_encrypted(path: Path) -> bool:
    """Is this private key file protected by a passphrase?"""
    return b"ENCRYPTED PRIVATE KEY" in _read_key_file(Path(path))


def load_private(path: Path, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    """Read a PKCS#8 PEM Ed25519 private key (encrypted with ``passphrase``, or in clear)."""
    data = _read_key_file(Path(path))
    encrypted = b"ENCRYPTED PRIVATE KEY" in data
    if encrypted and passphrase is None and os.environ.get("LOAXA_KEY_PASSPHRASE"):
        passphrase = os.environ["LOAXA_KEY_PASSPHRASE"].encode()  # scripts (the CLI asks people)
    try:
        key = serialization.load_pem_private_key(data, password=passphrase if encrypted else None)
    except TypeError as exc:  # the file is encrypted and no passphrase was given
        raise InputRefused(_("'{path}' is protected by a passphrase: type it when asked, or set LOAXA_KEY_PASSPHRASE.", path=path), kind="key_file") from exc
    except ValueError as exc:
        if encrypted:
            raise InputRefused(_("Wrong passphrase for '{path}'; nothing was signed.", path=path), kind="key_file") from exc
        raise InputRefused(_("'{path}' is not a PEM private key file.", path=path), kind="key_file") from exc
    except UnsupportedAlgorithm as exc:
        raise InputRefused(_("'{path}' is not a PEM private key file.", path=path), kind="key_file") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise InputRefused(_("'{path}' is not an Ed25519 key; bundles are signed with Ed25519.", path=path), kind="key_file")
    return key


def load_public_pem(data: bytes | str, *, name: str = "key") -> Ed25519PublicKey:
    """Parse a SubjectPublicKeyInfo PEM Ed25519 public key."""
    raw = data.encode("ascii", "replace") if isinstance(data, str) else data
    if b"PRIVATE KEY" in raw:
        raise InputRefused(
            _("'{path}' holds a private key; trust the public key file (.pub) instead, and keep the private key secret.", path=name), kind="key_file"
        )
    try:
        key = serialization.load_pem_public_key(raw)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise InputRefused(_("'{path}' is not a PEM public key file.", path=name), kind="key_file") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise InputRefused(_("'{path}' is not an Ed25519 key; bundles are signed with Ed25519.", path=name), kind="key_file")
    return key


def sign(private: Ed25519PrivateKey, data: bytes) -> bytes:
    """The 64-byte Ed25519 signature of ``data``."""
    return private.sign(data)


def verify(public: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` is ``public``'s signature of exactly ``data``."""
    try:
        public.verify(signature, data)
    except InvalidSignature:
        return False
    return True


# --- the trusted keys --------------------------------------------------------------------------


def trust(session: Session, pub_path: Path, issuer_code: str, name: str | None = None, *, actor: str | None = None) -> tuple[TrustedKey, bool]:
    """Trust the public key in ``pub_path`` for bundles of ``issuer_code``.

    Returns the row and whether it was added (False: already trusted for this issuer).
    """
    issuer_code = check_code((issuer_code or "").strip())
    public = load_public_pem(_read_key_file(Path(pub_path)), name=str(pub_path))
    kid = key_id(public)
    clean_name = (name or "").strip() or None
    row = session.get(TrustedKey, kid)
    if row is not None:
        if row.revoked_at is not None:
            raise InputRefused(
                _(
                    "Key {key} was revoked on {date}; a revoked key cannot be trusted again. Ask the issuer for a new key.",
                    key=kid[:16],
                    date=row.revoked_at.date().isoformat(),
                ),
                kind="revoked",
            )
        if row.issuer_code != issuer_code:
            raise InputRefused(
                _(
                    "Key {key} is already trusted for issuer {issuer}; a key belongs to one issuer. Revoke it first if it changed hands.",
                    key=kid[:16],
                    issuer=row.issuer_code,
                ),
                kind="issuer_mismatch",
            )
        if clean_name and clean_name != row.name:
            row.name = clean_name
        return row, False
    row = TrustedKey(key_id=kid, issuer_code=issuer_code, name=clean_name, public_pem=public_pem(public))
    session.add(row)
    session.flush()
    audit.record(session, "key.trust", "key", kid, actor=actor, issuer=issuer_code, name=clean_name)
    return row, True


def list_keys(session: Session) -> list[TrustedKey]:
    return list(session.scalars(select(TrustedKey).order_by(TrustedKey.issuer_code, TrustedKey.added_at, TrustedKey.key_id)))


def get_key(session: Session, kid: str) -> TrustedKey:
    """A trusted key by its id or an unambiguous prefix of at least 8 hex digits."""
    k = (kid or "").strip().lower()
    row = session.get(TrustedKey, k)
    if row is not None:
        return row
    if len(k) >= KEY_ID_MIN_PREFIX and all(c in "0123456789abcdef" for c in k):
        found = list(session.scalars(select(TrustedKey).where(TrustedKey.key_id.startswith(k))))
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise InputRefused(_("Key id prefix '{key}' matches several keys; give more digits.", key=kid), kind="ambiguous")
    raise NotFound(_("Key '{key}' is not in the trusted keys (see: loaxa keys list).", key=kid))


def revoke(session: Session, kid: str, *, actor: str | None = None, now: datetime | None = None) -> tuple[TrustedKey, bool]:
    """Revoke a trusted key; returns the row and whether it changed (False: already revoked)."""
    row = get_key(session, kid)
    if row.revoked_at is not None:
        return row, False
    row.revoked_at = now or utcnow()
    audit.record(session, "key.revoke", "key", row.key_id, actor=actor, issuer=row.issuer_code)
    return row, True


def key_dict(row: TrustedKey) -> dict[str, Any]:
    return {
        "key_id": row.key_id,
        "issuer": row.issuer_code,
        "name": row.name,
        "added_at": row.added_at.isoformat(),
        "revoked_at": row.revoked_at.isoformat() if row.revoked_at else None,
        "state": "revoked" if row.revoked_at else "trusted",
    }

"""The signature policy: which trusted key of the issuer signed a bundle's manifest."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from .. import keys
from ..errors import InputRefused
from ..i18n import _
from ..models import TrustedKey
from .manifest import Manifest
from .zipsafety import BundleFile

# --- the signature policy ------------------------------------------------------------------


@dataclass(frozen=True)
class Trust:
    """What the signature says about where a bundle comes from."""

    state: str  # verified | unsigned | unknown_key
    key_id: str | None
    key_name: str | None

    @property
    def verified(self) -> bool:
        return self.state == "verified"

    def as_dict(self) -> dict[str, Any]:
        return {"state": self.state, "verified": self.verified, "key_id": self.key_id, "key_name": self.key_name}


def check_signature(session: Session, bf: BundleFile, m: Manifest, *, allow_unsigned: bool = False) -> Trust:
    """The signature policy: a trusted, non-revoked key of ``issuer.code`` signed the manifest.

    ``allow_unsigned`` lets through a bundle without a signature, or signed by a key this
    commune does not know (it cannot be checked: the same as unsigned). A signature that does
    not verify, a revoked key, or a key of another issuer is refused whatever the options.
    """
    if bf.signature is None:
        if not allow_unsigned:
            raise InputRefused(
                _("The bundle is not signed (it has no manifest.sig). Import it only if you know where it came from, with --allow-unsigned."), kind="unsigned"
            )
        return Trust("unsigned", m.key_id, None)
    if m.key_id is None:
        raise InputRefused(_("The bundle has manifest.sig but its manifest names no issuer.key_id, so the signature cannot be checked."), kind="signature")
    row = session.get(TrustedKey, m.key_id)
    if row is None:
        if not allow_unsigned:
            raise InputRefused(
                _(
                    "The bundle is signed by key {key}, which is not trusted here. Trust the issuer's public key first: loaxa keys trust FILE.pub --issuer {issuer}.",
                    key=m.key_id[:16],
                    issuer=m.issuer_code,
                ),
                kind="untrusted_key",
            )
        return Trust("unknown_key", m.key_id, None)
    if row.revoked_at is not None:
        raise InputRefused(
            _(
                "The bundle is signed by key {key} ({issuer}), which was revoked on {date}; it is refused.",
                key=row.key_id[:16],
                issuer=row.issuer_code,
                date=row.revoked_at.date().isoformat(),
            ),
            kind="revoked_key",
        )
    if row.issuer_code != m.issuer_code:
        raise InputRefused(
            _(
                "Key {key} is trusted for issuer {trusted}, but the bundle says it comes from {issuer}; it is refused.",
                key=row.key_id[:16],
                trusted=row.issuer_code,
                issuer=m.issuer_code,
            ),
            kind="issuer_mismatch",
        )
    assert bf.signature is not None
    if not keys.verify(keys.load_public_pem(row.public_pem), bf.signature, bf.manifest_bytes):
        raise InputRefused(
            _("The signature does not match manifest.json: the manifest was changed after signing, or signed with another key. The bundle is refused."),
            kind="bad_signature",
        )
    return Trust("verified", row.key_id, row.name)

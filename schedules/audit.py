"""The audit log: who changed what, when."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from .models import AuditEntry


def record(session: Session, action: str, object_kind: str, object_id: object = None, *, actor: str | None = None, **details: Any) -> None:
    """Add one audit entry in the caller's transaction (so it commits or rolls back with it)."""
    session.add(
        AuditEntry(
            actor=actor,
            action=action,
            object_kind=object_kind,
            object_id=None if object_id is None else str(object_id),
            details=details or None,
        )
    )

"""Times meant for people are local and in the reader's wording; JSON keeps ISO with the offset."""

from __future__ import annotations

from datetime import UTC, datetime

from schedules.models import Bundle
from schedules.workspace import Workspace
from tests.conftest import Cli


def test_bundle_list_says_when_in_local_time(cli: Cli) -> None:
    cli.ok("init")
    ws = Workspace.open(cli.data_dir)
    with ws.session() as s:
        s.add(
            Bundle(
                bundle_id="b" * 32,
                revision=1,
                issuer_code="H01",
                issuer_name="Huyện Tân Phú",
                manifest_sha256="0" * 64,
                created_at=datetime(2027, 3, 1, 20, 30, tzinfo=UTC),
                imported_at=datetime(2027, 3, 1, 23, 15, tzinfo=UTC),
            )
        )
    ws.close()
    text = cli.ok("--lang", "vi", "bundle", "list").stdout
    assert "02/03 06:15:00" in text and "2027-03-01T23" not in text  # 23:15 UTC is 06:15 the next morning
    assert "đang dùng" in text and "active" not in text
    row = cli.json("bundle", "list")[0]
    assert row["imported_at"] == "2027-03-02T06:15:00+07:00" and row["state"] == "active"

"""icecast+tls:// endpoints against a real icecast2 with a TLS port and a self-signed
certificate: with the certificate trusted (cafile=) the airing is delivered and verified over TLS;
without it the airing fails at once with a reason that says what to do, and never sends the
password to an unverified server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from schedules import endpoints
from schedules.errors import InputRefused
from schedules.workspace import Workspace
from tests.support.icecast import IcecastMounts, Listener
from tests.support.onair import add_items, commune, content, engine_running, mono_of, schedule_at, settle
from tests.support.state import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("english")]  # tests read the English messages


@pytest.fixture
def icecast(shared_icecast: IcecastMounts) -> IcecastMounts:
    """This test's own mounts on the session's icecast2 (which listens with TLS too)."""
    return shared_icecast


def test_a_trusted_tls_endpoint_is_delivered_and_verified(ws: Workspace, icecast: IcecastMounts, tmp_path: Path) -> None:
    commune(ws, ("loa1", icecast.tls_source_url("an-binh")))
    ids = add_items(ws, tmp_path, (4.0, 440))
    expected = content(ws, ids[0])
    t0 = (datetime.now(UTC) + timedelta(seconds=5)).replace(microsecond=0)
    schedule_at(ws, ids, "loa1", t0)
    with engine_running(ws):
        assert wait_until(lambda: datetime.now(UTC) >= t0 - timedelta(seconds=1.5), 10)
        ear = Listener(icecast.listen_url("an-binh", tls=True), duration=7, cafile=icecast.cert_path)
        ear.start()
        ear.join(15)
        (run,) = settle(ws, 1)
    assert ear.error is None and expected in ear.data, "every content frame arrives over TLS"
    arrived = ear.arrival_of(expected[:1200])
    assert arrived is not None and abs(arrived - mono_of(t0)) <= 0.3
    assert run.outcome == "completed" and run.verified is True, (run.outcome, run.reason)


def test_an_untrusted_certificate_fails_at_once_with_the_next_step(ws: Workspace, icecast: IcecastMounts, tmp_path: Path) -> None:
    commune(ws, ("loa1", icecast.tls_source_url("an-binh", trusted=False)))
    ids = add_items(ws, tmp_path, (4.0, 440))
    t0 = (datetime.now(UTC) + timedelta(seconds=3)).replace(microsecond=0)
    schedule_at(ws, ids, "loa1", t0)
    with engine_running(ws):
        (run,) = settle(ws, 1, timeout=15)
    assert run.outcome == "failed" and "cafile=" in (run.reason or ""), run.reason
    assert run.ended is not None and (run.ended - t0).total_seconds() < 3, "a certificate problem fails at once, without retries"
    assert icecast.log_lines() == [], "the source never spoke to a server it could not verify"


def test_cafile_is_checked_when_the_endpoint_is_added(ws: Workspace, tmp_path: Path) -> None:
    with ws.session() as s:
        from schedules import areas

        areas.add_area(s, "X1", "Xã", "commune")
    with pytest.raises(InputRefused, match="does not exist"), ws.session() as s:
        endpoints.add_endpoint(s, "loa1", "Loa", "X1", f"icecast+tls://source:x@127.0.0.1:8443/m?cafile={tmp_path / 'none.pem'}")
    with pytest.raises(InputRefused, match="icecast\\+tls"), ws.session() as s:
        endpoints.add_endpoint(s, "loa1", "Loa", "X1", f"icecast://source:x@127.0.0.1:8000/m?cafile={tmp_path / 'none.pem'}")

"""Icecast relays for a province or a large commune (issue 18): LoaXa streams once to a master
Icecast; relay Icecasts near the clusters mirror its mounts, and clusters listen to the nearest.

:func:`relay_sections` writes what goes inside ``<icecast>`` of a relay's ``icecast.xml``:
- ``master`` mode (the default): the master-slave set-up. The relay asks the master for its list
  of mounts every second (``<master-update-interval>1``) and mirrors each mount while it exists;
  the master needs the relay user and password in its ``<authentication>``
  (:func:`master_authentication`). LoaXa connects to a mount at the pre-roll (5 s before the
  start, sending silence), so the relay has the mount before the content begins: measured with
  icecast2 2.4.4, a mount that appears on the master is heard on the relay 1.2-1.5 s later.
- ``mounts`` mode: one ``<relay>`` per mount, on demand (the relay connects when a receiver
  asks). Only for masters whose mounts are always up: measured with icecast2 2.4.4, a relay
  that asks for a mount the master does not have (between two airings) waits 120 s before it
  asks again (60 s when always on), so receivers miss the start of the next airing.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from schedules.errors import InputRefused
from schedules.i18n import _


@dataclass(frozen=True)
class HostPort:
    host: str
    port: int

    @property
    def authority(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    def __str__(self) -> str:
        return self.authority


def parse_host_port(text: str, *, option: str) -> HostPort:
    """``HOST:PORT`` (an IPv6 address in brackets); InputRefused (exit 3) when it is not one."""
    t = (text or "").strip()
    host, sep, port = t.rpartition(":")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    bad = not sep or not host or not port.isdigit() or not 0 < int(port) < 65536
    bad = bad or any(c.isspace() or c in "/<>&\"'@" for c in host) or (":" in host and not t.startswith("["))
    if bad:
        raise InputRefused(_("{option}: '{value}' is not HOST:PORT (for example 10.0.0.5:8000 or icecast.xa.vn:8000).", option=option, value=text))
    return HostPort(host, int(port))


def check_mount(mount: str) -> str:
    m = "/" + (mount or "").strip().lstrip("/")
    if m == "/" or any(c.isspace() or c in "<>&\"'?#" or ord(c) < 32 for c in m):
        raise InputRefused(_("'{mount}' is not an Icecast mount (for example /xa-an-binh).", mount=mount))
    return m


def relay_sections(
    master: HostPort,
    relay: HostPort,
    mounts: list[str],
    *,
    mode: str = "master",
    relay_user: str = "relay",
    relay_password: str | None = None,
    update_s: int = 1,
) -> str:
    """The XML to put inside ``<icecast>`` of ``relay``'s icecast.xml (see the module docstring)."""
    head = (
        f"<!-- LoaXa: the Icecast at {escape(relay.authority)} mirrors the master {escape(master.authority)}.\n"
        f"     Put this inside <icecast> ... </icecast> of its icecast.xml and restart it. Each mirrored\n"
        f"     mount counts as a source: <limits><sources> must be at least {max(len(mounts), 1) + 2}.\n"
        f"     Receivers near it listen at http://{escape(relay.authority)}/MOUNT . -->\n"
    )
    if mode == "master":
        return head + (
            f"<master-server>{escape(master.host)}</master-server>\n"
            f"<master-server-port>{master.port}</master-server-port>\n"
            f"<master-update-interval>{int(update_s)}</master-update-interval>\n"
            f"<master-username>{escape(relay_user)}</master-username>\n"
            f"<master-password>{escape(relay_password or '')}</master-password>\n"
            "<relays-on-demand>0</relays-on-demand>\n"
        )
    out = [head]
    for m in mounts:
        out.append(
            "<relay>\n"
            f"  <server>{escape(master.host)}</server>\n"
            f"  <port>{master.port}</port>\n"
            f"  <mount>{escape(m)}</mount>\n"
            f"  <local-mount>{escape(m)}</local-mount>\n"
            "  <on-demand>1</on-demand>\n"
            "  <relay-shoutcast-metadata>0</relay-shoutcast-metadata>\n"
            "</relay>\n"
        )
    return "".join(out)


def master_authentication(relay_user: str, relay_password: str) -> str:
    """What the master's ``<authentication>`` needs for master-slave relays."""
    return (
        "<!-- LoaXa: add inside <authentication> of the master's icecast.xml -->\n"
        f"<relay-user>{escape(relay_user)}</relay-user>\n"
        f"<relay-password>{escape(relay_password)}</relay-password>\n"
    )


def listen_url(relay: HostPort, mount: str) -> str:
    return f"http://{relay.authority}{mount}"

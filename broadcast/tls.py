"""TLS for ``icecast+tls://`` endpoints and ``https://`` streams: the system's trusted
certificates, plus the one an endpoint names with ``?cafile=PATH`` (a province's server often
has a certificate of its own, or of a provincial CA). Certificates are always checked: the source
password crosses this connection."""

from __future__ import annotations

import ssl
from functools import lru_cache

from schedules.errors import LoaxaError
from schedules.i18n import _


@lru_cache(maxsize=32)
def context(cafile: str | None = None) -> ssl.SSLContext:
    """A client context (cached: loading the system's certificates takes a while)."""
    ctx = ssl.create_default_context()
    if cafile:
        try:
            ctx.load_verify_locations(cafile)
        except (OSError, ssl.SSLError) as exc:
            raise LoaxaError(_("The certificate file {path} cannot be used: {error}", path=cafile, error=getattr(exc, "strerror", None) or exc)) from exc
    return ctx


def is_untrusted(exc: BaseException) -> bool:
    return isinstance(exc, ssl.SSLCertVerificationError)


def untrusted_message(where: str, exc: BaseException) -> str:
    reason = getattr(exc, "verify_message", None) or str(exc)
    return _(
        "{where}: the server's TLS certificate is not trusted ({reason}). Add ?cafile=PATH to the endpoint URL with the server's certificate or its CA (PEM).",
        where=where,
        reason=reason,
    )

"""Errors that reach people, each with the exit code of ARCHITECTURE.md.

Messages are translated when the error is raised (the language is chosen once per process).
"""

from __future__ import annotations


class LoaxaError(Exception):
    """An error with a message for people and an exit code for scripts."""

    exit_code = 1
    kind = "error"

    def __init__(self, message: str, *, kind: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if kind is not None:
            self.kind = kind


class InputRefused(LoaxaError):
    """A value that parses but is wrong, a bad file or bundle: nothing was changed."""

    exit_code = 3
    kind = "input"


class NotFound(LoaxaError):
    """An id or code that does not exist."""

    exit_code = 4
    kind = "not_found"


class DeliveryError(LoaxaError):
    """An endpoint, delivery or engine failure."""

    exit_code = 5
    kind = "delivery"


class ProblemsFound(LoaxaError):
    """A check found problems (plan pre-flight, data check)."""

    exit_code = 6
    kind = "problems"


class NotPermitted(LoaxaError):
    """The signed-in user's roles do not allow the action (or nobody is signed in): nothing changed."""

    exit_code = 7
    kind = "not_permitted"

"""The words the library shows for an item's field, state and priority."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

STATE_COLOURS = {"approved": "#1b7f3a", "draft": "#8a6d00", "rejected": "#b3261e", "retired": "#777777"}


def field_names() -> dict[int, str]:
    return {
        1: QCoreApplication.translate("labels", "1 General information"),
        2: QCoreApplication.translate("labels", "2 Breaking information"),
        3: QCoreApplication.translate("labels", "3 Policy and law"),
        4: QCoreApplication.translate("labels", "4 Local administration"),
        5: QCoreApplication.translate("labels", "5 Knowledge"),
        6: QCoreApplication.translate("labels", "6 Good people, good deeds"),
    }


def state_label(state: str) -> str:
    return {
        "draft": QCoreApplication.translate("labels", "draft"),
        "approved": QCoreApplication.translate("labels", "approved"),
        "rejected": QCoreApplication.translate("labels", "rejected"),
        "retired": QCoreApplication.translate("labels", "retired"),
    }.get(state, state)


def priority_label(p: int) -> str:
    return {
        1: QCoreApplication.translate("labels", "emergency"),
        2: QCoreApplication.translate("labels", "priority"),
        3: QCoreApplication.translate("labels", "normal"),
    }.get(p, str(p))

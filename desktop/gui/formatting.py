"""Dates and times the way the interface language reads them: dd/mm/yyyy and 24-hour times in
Vietnamese, the English way in English."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate

from schedules.i18n import language


def date_edit_format() -> str:
    """The display format of date fields: dd/mm/yyyy in Vietnamese, "23 Nov 2026" in English."""
    return "dd/MM/yyyy" if language() == "vi" else "d MMM yyyy"


def local_today() -> date:
    """Today's date where the commune is (Vietnam's zone), whatever the PC's clock zone says."""
    from schedules.timeutil import DEFAULT_TZ, zone

    return datetime.now(zone(DEFAULT_TZ)).date()


def weekday_name(d: date) -> str:
    names = [
        QCoreApplication.translate("formatting", "Monday"),
        QCoreApplication.translate("formatting", "Tuesday"),
        QCoreApplication.translate("formatting", "Wednesday"),
        QCoreApplication.translate("formatting", "Thursday"),
        QCoreApplication.translate("formatting", "Friday"),
        QCoreApplication.translate("formatting", "Saturday"),
        QCoreApplication.translate("formatting", "Sunday"),
    ]
    return names[d.weekday()]


def weekday_short(d: date) -> str:
    names = [
        QCoreApplication.translate("formatting", "Mon"),
        QCoreApplication.translate("formatting", "Tue"),
        QCoreApplication.translate("formatting", "Wed"),
        QCoreApplication.translate("formatting", "Thu"),
        QCoreApplication.translate("formatting", "Fri"),
        QCoreApplication.translate("formatting", "Sat"),
        QCoreApplication.translate("formatting", "Sun"),
    ]
    return names[d.weekday()]


def format_date(d: date) -> str:
    from schedules.timeutil import day_text

    return day_text(d)


def format_date_long(d: date) -> str:
    return f"{weekday_name(d)}, {format_date(d)}" if language() == "vi" else f"{weekday_name(d)} {format_date(d)}"


def format_time(dt: datetime) -> str:
    return dt.strftime("%H:%M:%S") if dt.second else dt.strftime("%H:%M")


def format_datetime(dt: datetime) -> str:
    return f"{format_date(dt.date())} {dt.strftime('%H:%M:%S')}"


def outcome_label(status: str) -> str:
    return {
        "planned": QCoreApplication.translate("formatting", "planned"),
        "on_air": QCoreApplication.translate("formatting", "on air"),
        "completed": QCoreApplication.translate("formatting", "aired"),
        "partial": QCoreApplication.translate("formatting", "partly aired"),
        "preempted": QCoreApplication.translate("formatting", "interrupted by a more urgent airing"),
        "stopped": QCoreApplication.translate("formatting", "stopped"),
        "interrupted": QCoreApplication.translate("formatting", "cut off (engine stopped)"),
        "skipped": QCoreApplication.translate("formatting", "not aired"),
        "missed": QCoreApplication.translate("formatting", "missed"),
        "failed": QCoreApplication.translate("formatting", "failed"),
        "cancelled": QCoreApplication.translate("formatting", "cancelled (holiday)"),
        "no_record": QCoreApplication.translate("formatting", "no record"),
    }.get(status, status)


def to_qdate(d: date) -> QDate:
    """``d`` as Qt's date (PySide6 converts a ``date`` at run time; its type stubs do not say so)."""
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    """Qt's date as a ``date`` (``QDate.toPython()`` is typed as returning ``object``)."""
    return date(q.year(), q.month(), q.day())

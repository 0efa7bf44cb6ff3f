"""Dates and times the way the interface language reads them: dd/mm/yyyy and 24-hour times in
Vietnamese, the English way in English."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from schedules.i18n import language


def weekday_name(d: date) -> str:
    tr = QCoreApplication.translate
    names = [
        tr("formatting", "Monday"), tr("formatting", "Tuesday"), tr("formatting", "Wednesday"), tr("formatting", "Thursday"),
        tr("formatting", "Friday"), tr("formatting", "Saturday"), tr("formatting", "Sunday"),
    ]  # fmt: skip
    return names[d.weekday()]


def format_date(d: date) -> str:
    return d.strftime("%d/%m/%Y") if language() == "vi" else d.strftime("%d %b %Y")


def format_date_long(d: date) -> str:
    return f"{weekday_name(d)}, {format_date(d)}" if language() == "vi" else f"{weekday_name(d)} {format_date(d)}"


def format_time(dt: datetime) -> str:
    return dt.strftime("%H:%M:%S") if dt.second else dt.strftime("%H:%M")


def format_datetime(dt: datetime) -> str:
    return f"{format_date(dt.date())} {dt.strftime('%H:%M:%S')}"


def outcome_label(status: str) -> str:
    tr = QCoreApplication.translate
    return {
        "planned": tr("formatting", "planned"),
        "on_air": tr("formatting", "on air"),
        "completed": tr("formatting", "aired"),
        "partial": tr("formatting", "partly aired"),
        "preempted": tr("formatting", "interrupted by a more urgent airing"),
        "stopped": tr("formatting", "stopped"),
        "interrupted": tr("formatting", "cut off (engine stopped)"),
        "skipped": tr("formatting", "not aired"),
        "missed": tr("formatting", "missed"),
        "failed": tr("formatting", "failed"),
        "cancelled": tr("formatting", "cancelled (holiday)"),
        "no_record": tr("formatting", "no record"),
    }.get(status, status)

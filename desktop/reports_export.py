"""Report renderings that need no Qt: text table, CSV, JSON and XLSX (openpyxl), each written to a
temporary file beside the target and moved into place, so a failure leaves no partial file."""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from schedules.errors import InputRefused
from schedules.i18n import _
from schedules.reporting import FIGURES, Report, dimension_label, figure_label

COLUMNS = FIGURES  # the report's figures, in the domain's order
FORMATS = ("table", "csv", "xlsx", "pdf", "json")


def check_output(path: str | Path) -> Path:
    """The output path, refused (exit 3) when its folder does not exist or it is a folder."""
    p = Path(path).expanduser()
    if p.is_dir():
        raise InputRefused(_("--out: {path} is a folder; give a file name.", path=str(p)))
    if not p.parent.is_dir():
        raise InputRefused(
            _(
                "--out: the folder {folder} does not exist; create it first or choose another.",
                folder=str(p.parent),
            )
        )
    return p


def write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    """``write(tmp)`` into a temporary file in ``path``'s folder, then move it over ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        write(tmp_path)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_path, 0o666 & ~umask)  # mkstemp makes it private; a report is an ordinary file
        os.replace(tmp_path, path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise


def share(n: int, of: int) -> str:
    return "" if of <= 0 else f"{100.0 * n / of:.1f}%"


def headers(rep: Report) -> list[str]:
    return [dimension_label(d) for d in rep.by] + [figure_label(c) for c in COLUMNS] + [_("Aired share"), _("Verified share"), _("Top reason for missed")]


def _line(labels: list[Any], f: Any) -> list[Any]:
    top = f.top_reasons("missed", 1)
    return [
        *labels,
        *(getattr(f, c) for c in COLUMNS),
        share(f.aired, f.planned),
        share(f.verified, f.aired),
        f"{top[0][0]} ({top[0][1]})" if top else "",
    ]


def rows(rep: Report) -> list[list[Any]]:
    out = [_line(list(r.labels), r.figures) for r in rep.rows]
    out.append(_line([_("Total")] + [""] * (len(rep.by) - 1), rep.totals))
    return out


def title(rep: Report) -> str:
    return _(
        "Broadcast report {scope}, {first} to {last}",
        scope=rep.scope_name,
        first=rep.period.first.strftime("%d/%m/%Y"),
        last=rep.period.last.strftime("%d/%m/%Y"),
    )


def as_table(rep: Report) -> str:
    from desktop.cli.common import table

    lines = [title(rep), table([[_fmt(c) for c in r] for r in rows(rep)], headers(rep))]
    if rep.engine_down_s:
        lines.append(
            _(
                "No engine ran for {hours} h of the period: the airings planned then count as missed.",
                hours=f"{rep.engine_down_s / 3600:.1f}",
            )
        )
    return "\n".join(lines)


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.0f}"
    return "" if v is None else str(v)


def as_csv(rep: Report) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers(rep))
    for r in rows(rep):
        w.writerow(r)
    return buf.getvalue()


def as_json(rep: Report) -> str:
    return json.dumps(rep.as_dict(), ensure_ascii=False, indent=2)


def write_text(path: Path, text: str, *, bom: bool = False) -> None:
    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8-sig" if bom else "utf-8", newline="")

    write_atomically(path, write)


# ---------------------------------------------------------------------------------------------
# XLSX


def _fit(ws: Any, widths: list[int]) -> None:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, w + 2))


def _sheet(
    wb: Any,
    name: str,
    head: list[str],
    body: list[list[Any]],
    *,
    total_row: bool,
    number_formats: dict[int, str] | None = None,
) -> Any:
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped]

    ws = wb.create_sheet(name[:31])
    ws.append(head)
    bold = Font(bold=True)
    for c in ws[1]:
        c.font = bold
        c.fill = PatternFill("solid", fgColor="DDE7F0")
    for r in body:
        ws.append(r)
    if total_row and body:
        for c in ws[ws.max_row]:
            c.font = bold
    for col, fmt in (number_formats or {}).items():
        for row in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            for c in row:
                c.number_format = fmt
    ws.freeze_panes = "A2"
    widths = [max(len(str(v)) if v is not None else 0 for v in col) for col in zip(head, *body, strict=False)]
    _fit(ws, widths)
    return ws


def write_xlsx(reports: list[Report], path: Path) -> None:
    """One sheet per grouping (each report), then availability: numbers as numbers, dates as
    dates, the header row frozen, a totals row, widths that fit the Vietnamese text."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    def build(tmp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        for rep in reports:
            head = [dimension_label(d) for d in rep.by] + [figure_label(c) for c in COLUMNS] + [_("Aired share"), _("Verified share")]
            body: list[list[Any]] = []
            for r in [*rep.rows, None]:
                f = rep.totals if r is None else r.figures
                keys: list[Any] = (
                    [_("Total")] + [None] * (len(rep.by) - 1)
                    if r is None
                    else [_cell_value(d, k, lbl) for d, k, lbl in zip(rep.by, r.key, r.labels, strict=True)]
                )
                body.append(
                    [
                        *keys,
                        *(getattr(f, c) for c in COLUMNS),
                        (f.aired / f.planned) if f.planned else None,
                        (f.verified / f.aired) if f.aired else None,
                    ]
                )
            n = len(rep.by)
            fmts = {
                n + 1 + COLUMNS.index("airtime_s"): "#,##0",
                n + len(COLUMNS) + 1: "0.0%",
                n + len(COLUMNS) + 2: "0.0%",
            }
            for i, d in enumerate(rep.by, start=1):
                if d == "day":
                    fmts[i] = "dd/mm/yyyy"
            _sheet(
                wb,
                " - ".join(dimension_label(d) for d in rep.by),
                head,
                body,
                total_row=True,
                number_formats=fmts,
            )
        rep0 = reports[0]
        av_head = [
            _("Endpoint"),
            _("Name"),
            _("Area"),
            _("Online (h)"),
            _("Offline (h)"),
            _("Unknown (h)"),
            _("Reachable share"),
        ]
        av_body = [
            [
                a.code,
                a.name,
                a.area,
                round(a.online_s / 3600, 2),
                round(a.offline_s / 3600, 2),
                round(a.unknown_s / 3600, 2),
                a.share,
            ]
            for a in rep0.availability
        ]
        ws = _sheet(
            wb,
            _("Availability"),
            av_head,
            av_body,
            total_row=False,
            number_formats={7: "0.0%"},
        )
        ws.append([])
        ws.append([_("Hours with no engine running"), round(rep0.engine_down_s / 3600, 2)])
        info = wb.create_sheet(_("About"))
        info.append([_("Report"), title(rep0)])
        info.append([_("From"), rep0.period.first])
        info.append([_("Until"), rep0.period.last])
        info.append(
            [
                _("Counted until"),
                rep0.until.astimezone(_zone(rep0)).replace(tzinfo=None),
            ]
        )
        for row in info.iter_rows(min_row=2, max_row=3, min_col=2, max_col=2):
            for c in row:
                c.number_format = "dd/mm/yyyy"
        info["B4"].number_format = "dd/mm/yyyy hh:mm"
        _fit(info, [22, 60])
        wb.save(tmp)

    write_atomically(path, build)


def _zone(rep: Report) -> Any:
    from schedules.timeutil import zone

    return zone(rep.period.tz)


def _cell_value(dim: str, key: Any, label: str) -> Any:
    if dim == "day" and isinstance(key, str):
        return date.fromisoformat(key)
    return label


# ---------------------------------------------------------------------------------------------
# the as-run log


RUN_COLUMNS = (
    "id",
    "endpoint",
    "title",
    "priority",
    "planned_start",
    "actual_start",
    "start_delay_ms",
    "ended",
    "outcome",
    "reason",
    "bytes_sent",
    "verified",
    "listeners",
    "pc",
)


def run_headers() -> list[str]:
    return [
        _("Id"),
        _("Endpoint"),
        _("Title"),
        _("Priority"),
        _("Planned"),
        _("Actual"),
        _("Delay (ms)"),
        _("Ended"),
        _("Outcome"),
        _("Reason"),
        _("Bytes sent"),
        _("Verified"),
        _("Listeners"),
        _("PC"),
    ]


def write_runs(rows: list[dict[str, Any]], path: Path, fmt: str) -> None:
    """As-run records (``asrun.run_dict``) as CSV (UTF-8 with BOM, for Excel) or XLSX (instants as
    local date-times, numbers as numbers)."""
    from datetime import datetime as _dt

    from schedules.asrun import outcome_label

    def cell(r: dict[str, Any], k: str) -> Any:
        v = r.get(k)
        if k in ("planned_start", "actual_start", "ended") and v:
            return _dt.fromisoformat(v).replace(tzinfo=None) if fmt == "xlsx" else v
        if k == "outcome":
            return outcome_label(str(v))
        return v

    body = [[cell(r, k) for k in RUN_COLUMNS] for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(run_headers())
        w.writerows(body)
        write_text(path, buf.getvalue(), bom=True)
        return

    def build(tmp: Path) -> None:
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        _sheet(
            wb,
            _("As-run log"),
            run_headers(),
            body,
            total_row=False,
            number_formats={5: "dd/mm/yyyy hh:mm:ss", 6: "dd/mm/yyyy hh:mm:ss", 8: "dd/mm/yyyy hh:mm:ss"},
        )
        wb.save(tmp)

    write_atomically(path, build)

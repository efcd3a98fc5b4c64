"""Events on the timeline: a day or a span of days with a short label ("price rise", "spring
campaign" 2026-03-01..2026-03-31) that every time chart marks (cx.charts.events).

Stored in the `annotations` table (cx.store, schema 4). Writes do NOT change the data version:
an event changes no number, and a new version would throw away every prepared page. Instead the
page functions read the events of their scope here, uncached (one tiny query), and pass them as
a tuple argument into their kept figure functions, so the events are part of the cache key and a
new event shows on the next page run.

Every error is an `AnnotationError` (a ValueError): one sentence, in English by `str()` and in
any language by `.text(lang)`.
"""
from __future__ import annotations

import functools
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from cx import i18n
from cx.charts.events import mark_events
from cx.safety import FORMULA_START, csv_bytes
from cx.scope import Scope, period_end
from cx.store import Store, one

__all__ = ["CSV_COLUMNS", "MAX_LABEL", "AnnotationError", "Event", "ImportResult", "add",
           "delete", "describe", "events_for", "export_csv", "import_csv", "list_events",
           "mark", "mark_cohort_rows", "parse_csv", "parse_date", "period_slots", "validate"]

MAX_LABEL = 80
CSV_COLUMNS = ("date", "label", "end")
MAX_REASONS = 5  # rejected rows named in the one-sentence error; the rest are counted


class AnnotationError(ValueError):
    """One sentence: `key` names it in cx/strings/annotations.py (annotations.error.<key>)."""

    def __init__(self, key: str, **values):
        self.key, self.values = key, values
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        values = {k: (v.text(lang) if isinstance(v, AnnotationError) else v)
                  for k, v in self.values.items()}
        return i18n.t(f"annotations.error.{self.key}", lang, **values)


class ImportRejected(AnnotationError):
    """Rows of a CSV that cannot be events: nothing of the file was imported."""

    def __init__(self, rejected: Sequence[tuple[int, AnnotationError]]):
        self.rejected = list(rejected)
        super().__init__("rejected", n=len(self.rejected))

    def text(self, lang: str) -> str:
        sep = "；" if lang == "ja" else "; "
        shown = [i18n.t("annotations.error.line", lang, line=line,
                        reason=err.text(lang).rstrip(".。"))
                 for line, err in self.rejected[:MAX_REASONS]]
        more = len(self.rejected) - len(shown)
        if more:
            shown.append(i18n.t("annotations.error.more", lang, n=more))
        return i18n.t_count("annotations.error.rejected", lang, len(self.rejected),
                            n=len(self.rejected), reasons=sep.join(shown))


@dataclass(frozen=True, order=True)
class Event:
    """One event. `ends_on` None: a single day. Frozen with a faithful repr: kept functions take
    a tuple of these as an argument (cx.cache keys on repr)."""
    starts_on: date
    ends_on: date | None
    label: str
    annotation_id: int = 0

    @property
    def last_day(self) -> date:
        return self.ends_on or self.starts_on

    def overlaps(self, first: date, last: date) -> bool:
        return self.starts_on <= last and self.last_day >= first


# -- validation ---------------------------------------------------------------------------------
_YEAR_FIRST = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


def parse_date(value) -> date:
    """A date from a date, a datetime or text: ISO (2026-03-01, 2026-03-01T09:00, 20260301) or
    year first with slashes or dots (2026/03/01, 2026/3/1). Day-first and month-first text
    (01/03/2026) is refused: it reads two ways."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = "" if value is None else str(value).strip()
    if not text:
        raise AnnotationError("no_date")
    try:
        match = _YEAR_FIRST.match(text)
        if match:
            parsed = date(int(match[1]), int(match[2]), int(match[3]))
        else:
            stamp = pd.to_datetime(text, format="ISO8601")
            if pd.isna(stamp):
                raise ValueError(text)
            parsed = stamp.date()
    except (ValueError, TypeError, OverflowError):
        raise AnnotationError("bad_date", value=text[:40]) from None
    if not 1900 <= parsed.year <= 2999:
        raise AnnotationError("bad_date", value=text[:40])
    return parsed


def _clean_label(label) -> str:
    text = " ".join(str(label or "").split())  # one line, single spaces
    if not text:
        raise AnnotationError("label_empty")
    if len(text) > MAX_LABEL:
        raise AnnotationError("label_too_long", max=MAX_LABEL, n=len(text))
    return text


def validate(starts_on, label, ends_on=None) -> tuple[date, date | None, str]:
    """(start, end or None, label) checked: a date, an end not before it, a label of 1 to
    MAX_LABEL characters. An end equal to the start is a single day."""
    start = parse_date(starts_on)
    end = None
    if ends_on is not None and str(ends_on).strip():
        end = parse_date(ends_on)
        if end < start:
            raise AnnotationError("end_before_start", start=start.isoformat(),
                                  end=end.isoformat())
        if end == start:
            end = None
    return start, end, _clean_label(label)


# -- reading ------------------------------------------------------------------------------------
LIST_SQL = """
SELECT annotation_id, starts_on, ends_on, label FROM annotations
WHERE ($first IS NULL OR COALESCE(ends_on, starts_on) >= $first)
  AND ($last IS NULL OR starts_on <= $last)
ORDER BY starts_on, COALESCE(ends_on, starts_on), label, annotation_id
"""


def list_events(cur, first: date | None = None, last: date | None = None) -> tuple[Event, ...]:
    """Every event, or only those overlapping the days first..last (both included), by date."""
    rows = cur.execute(LIST_SQL, {"first": first, "last": last}).fetchall()
    return tuple(Event(_as_date(s), _as_date(e) if e is not None else None, label, int(i))
                 for i, s, e, label in rows)


def events_for(cur, scope: Scope) -> tuple[Event, ...]:
    """The events overlapping a resolved scope: what the page functions pass into their kept
    figure functions (read uncached: a tiny query)."""
    return list_events(cur, scope.start, scope.end)


def _as_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value


# -- writing ------------------------------------------------------------------------------------
DUPLICATE_SQL = "SELECT 1 FROM annotations WHERE starts_on = ? AND lower(label) = lower(?)"


def _insert(cur, start: date, end: date | None, label: str) -> int:
    new_id = int(one(cur, "SELECT COALESCE(MAX(annotation_id), 0) + 1 FROM annotations")[0])
    cur.execute("INSERT INTO annotations VALUES (?, ?, ?, ?, current_timestamp)",
                [new_id, start, end, label])
    return new_id


def add(store: Store, starts_on, label, ends_on=None) -> Event:
    """Add one event; AnnotationError when it is not valid or already there (the same start
    and label, whatever the case)."""
    start, end, text = validate(starts_on, label, ends_on)
    with store.write(bump=False) as cur:
        if one(cur, DUPLICATE_SQL, [start, text]):
            raise AnnotationError("duplicate", label=text, date=start.isoformat())
        new_id = _insert(cur, start, end, text)
    return Event(start, end, text, new_id)


def delete(store: Store, annotation_id: int) -> None:
    """Remove one event; AnnotationError when there is none of that id."""
    with store.write(bump=False) as cur:
        if not one(cur, "SELECT 1 FROM annotations WHERE annotation_id = ?", [int(annotation_id)]):
            raise AnnotationError("not_found", id=annotation_id)
        cur.execute("DELETE FROM annotations WHERE annotation_id = ?", [int(annotation_id)])


# -- CSV ----------------------------------------------------------------------------------------
def export_frame(events: Iterable[Event]) -> pd.DataFrame:
    return pd.DataFrame([(e.starts_on.isoformat(), e.label,
                          e.ends_on.isoformat() if e.ends_on else "") for e in events],
                        columns=list(CSV_COLUMNS))


def export_csv(cur) -> bytes:
    """Every event as CSV `date,label,end` (end empty for a single day): UTF-8 with a BOM, and a
    label a spreadsheet would run as a formula starts with an apostrophe (cx.safety)."""
    return csv_bytes(export_frame(list_events(cur)))


def _unneutralised(text: str) -> str:
    """The inverse of cx.safety.neutralise_cell, so an exported file imports as it was."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AnnotationError("csv_unreadable")


@dataclass(frozen=True)
class Parsed:
    events: list[tuple[date, date | None, str]]  # valid rows, in file order
    rejected: list[tuple[int, AnnotationError]]  # (line number, why)


def parse_csv(data: bytes | str) -> Parsed:
    """The rows of a `date,label,end` file (headers in any case and order; `end` optional),
    each checked; nothing is written."""
    text = _decode(data)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            skip_blank_lines=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError):
        raise AnnotationError("csv_columns", found="–") from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if not {"date", "label"} <= set(frame.columns):
        raise AnnotationError("csv_columns", found=", ".join(frame.columns) or "–")
    ends = frame["end"] if "end" in frame.columns else [""] * len(frame)
    events, rejected = [], []
    for i, (d, label, end) in enumerate(zip(frame["date"], frame["label"], ends)):
        try:
            events.append(validate(d, _unneutralised(str(label).strip()), end))
        except AnnotationError as err:
            rejected.append((i + 2, err))  # line 1 is the header
    return Parsed(events, rejected)


@dataclass(frozen=True)
class ImportResult:
    added: int
    duplicates: int  # already stored, or twice in the file: skipped

    def text(self, lang: str) -> str:
        return i18n.t_count("annotations.imported", lang, self.added, added=self.added,
                            duplicates=self.duplicates)


def import_csv(store: Store, data: bytes | str) -> ImportResult:
    """Import a `date,label,end` CSV all or nothing: any bad row raises ImportRejected (every
    bad row with its reason) and nothing is written; events already there (the same start and
    label) are skipped and counted. One transaction."""
    parsed = parse_csv(data)
    if parsed.rejected:
        raise ImportRejected(parsed.rejected)
    added = duplicates = 0
    with store.write(bump=False) as cur:
        for start, end, label in parsed.events:
            if one(cur, DUPLICATE_SQL, [start, label]):
                duplicates += 1
                continue
            _insert(cur, start, end, label)
            added += 1
    return ImportResult(added, duplicates)


# -- for the charts -----------------------------------------------------------------------------
def describe(event: Event, lang: str) -> str:
    """"price rise · 1 Mar 2026" or "spring campaign · 1 Mar 2026 – 31 Mar 2026" (plain text:
    the chart escapes it)."""
    if event.ends_on is None:
        when = i18n.fmt_date(event.starts_on, lang)
    else:
        when = i18n.t("annotations.span", lang, start=i18n.fmt_date(event.starts_on, lang),
                      end=i18n.fmt_date(event.ends_on, lang))
    return f"{event.label} · {when}"


def mark(fig, events: Sequence[Event], slots: Sequence, lang: str, *, cohorts: str | None = None,
         columns: int = 0):
    """Draw `events` on a built figure (cx.charts.events.mark_events) in `lang`; `slots`: the
    (first day, last day) of each category of its calendar axis (period_slots). `cohorts`: the
    figure is a cohort heatmap whose rows are periods of this unit ("month"); its rows are
    marked. A chart-sized message (no axis) gets nothing."""
    if not events or fig.layout.xaxis.visible is False:
        return fig
    describe_one = functools.partial(describe, lang=lang)
    if cohorts is None:
        return mark_events(fig, events, slots, describe=describe_one)
    unit = i18n.t(f"retention.unit.{cohorts}", lang)
    return mark_events(fig, events, slots, describe=describe_one, axis="y",
                       legend=i18n.t("annotations.legend", lang), columns=columns,
                       hover=lambda names: i18n.t("annotations.in_cohort", lang, unit=unit,
                                                  events=names))


def mark_cohort_rows(fig, events: Sequence[Event], cohorts: Iterable, period: str, lang: str, *,
                     columns: int):
    """Outline the rows of a cohort heatmap (rows named i18n.fmt_period of `cohorts`, other rows
    such as a pooled one left alone) whose period holds an event's first day."""
    if not events:
        return fig
    cohort_of = {i18n.fmt_period(c, period, lang): c for c in cohorts}
    rows = list(fig.layout.yaxis.categoryarray or ())
    slots = [period_slots([cohort_of[r]], period)[0] if r in cohort_of else None for r in rows]
    return mark(fig, events, slots, lang, cohorts=period, columns=columns)


def period_slots(starts: Iterable, period: str) -> list[tuple[date, date]]:
    """(first day, last day) of each period starting on `starts` (the categories of a chart's
    time axis, in order), for cx.charts.events.mark_events."""
    out = []
    for s in starts:
        d = pd.Timestamp(s).date()
        out.append((d, period_end(d, period)))
    return out

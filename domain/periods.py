"""Calendar periods in the workspace's zone: days typed by users, months and quarters for roll-ups."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_date

from domain.clock import local_date, start_of_local_day
from domain.errors import InvalidField
from domain.language import N_, current_locale, tr

_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
RELATIVE_DAYS = {"today": 0, "yesterday": 1, "сегодня": 0, "вчера": 1, "dzisiaj": 0, "dziś": 0, "wczoraj": 1}


def parse_day(raw: str, today: date, *, field: str = "date") -> date | None:
    """A day as people type it: `2026-03-01`, `01.03.2026` (day first, as in Poland and Russia), `yesterday`.

    Empty means None; a day after `today` is refused.
    """
    text = raw.strip()
    if not text:
        return None
    if text.casefold() in RELATIVE_DAYS:
        return today - timedelta(days=RELATIVE_DAYS[text.casefold()])
    dotted = _DOTTED_DATE.fullmatch(text)
    try:
        day = date(int(dotted[3]), int(dotted[2]), int(dotted[1])) if dotted else date.fromisoformat(text)
    except ValueError:
        raise InvalidField(
            tr("{field} '{text}' is not a date; write 2026-03-01 or 01.03.2026.", field=field, text=text)
        ) from None
    if day > today:
        raise InvalidField(
            tr("{field} {day} is in the future (today is {today}).", field=field, day=day.isoformat(),
               today=today.isoformat())
        )
    return day


@dataclass(frozen=True)
class Period:
    """Local days [start, end)."""

    title: str
    start: date | None
    end: date | None

    def utc_bounds(self, zone: ZoneInfo) -> tuple[datetime | None, datetime | None]:
        return (
            start_of_local_day(self.start, zone) if self.start else None,
            start_of_local_day(self.end, zone) if self.end else None,
        )


def month_name(first: date) -> str:
    """`November 2026`, `ноябрь 2026`, `listopad 2026`: the month as the reader's locale names it in a sentence."""
    return format_date(first, "LLLL y", locale=current_locale())


def month_title(first: date) -> str:
    """The month as a heading: `Ноябрь 2026`, `Listopad 2026`."""
    name = month_name(first)
    return name[:1].upper() + name[1:]


def quarter_title(first: date) -> str:
    return tr("Q{quarter} {year}", quarter=(first.month - 1) // 3 + 1, year=first.year)


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def previous_month(day: date) -> date:
    return date(day.year - (day.month == 1), (day.month - 2) % 12 + 1, 1)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def this_month(now: datetime, zone: ZoneInfo) -> Period:
    first = month_start(local_date(now, zone))
    return Period(month_title(first), first, next_month(first))


def last_month(now: datetime, zone: ZoneInfo) -> Period:
    first = previous_month(month_start(local_date(now, zone)))
    return Period(month_title(first), first, next_month(first))


def this_quarter(now: datetime, zone: ZoneInfo) -> Period:
    first = quarter_start(local_date(now, zone))
    end = next_month(next_month(next_month(first)))
    return Period(quarter_title(first), first, end)


ALL_TIME = Period(N_("All time"), None, None)
"""Its title is translated where it is shown (`tr(period.title)`); a month's or quarter's is made translated."""

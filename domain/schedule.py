"""When the weekly digest runs: a weekday and a local time in the workspace's zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import get_day_names

from domain.errors import InvalidField, did_you_mean
from domain.language import current_locale, tr
from domain.words import closest, fold

WEEKDAY_WORDS: dict[str, int] = {}
for _index, _words in enumerate(
    (
        ("mon", "monday", "pn", "pon", "poniedzialek", "пн", "понедельник"),
        ("tue", "tues", "tuesday", "wt", "wtorek", "вт", "вторник"),
        ("wed", "wednesday", "sr", "sroda", "ср", "среда"),
        ("thu", "thur", "thursday", "cz", "czw", "czwartek", "чт", "четверг"),
        ("fri", "friday", "pt", "piatek", "пт", "пятница"),
        ("sat", "saturday", "sob", "sobota", "сб", "суббота"),
        ("sun", "sunday", "nd", "niedz", "niedziela", "вс", "воскресенье"),
    )
):
    for _word in _words:
        WEEKDAY_WORDS[fold(_word)] = _index
_TIME = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")


@dataclass(frozen=True)
class WeeklySchedule:
    weekday: int
    at: time

    def describe(self) -> str:
        """`Monday 09:00`, `понедельник 09:00`: the day named in the reader's locale."""
        day = get_day_names("wide", locale=current_locale())[self.weekday]
        return f"{day} {self.at.strftime('%H:%M')}"


def weekday(word: str) -> int:
    found = WEEKDAY_WORDS.get(fold(word))
    if found is None:
        raise InvalidField(
            tr("Unknown day '{word}'{hint} Days: mon, tue, wed, thu, fri, sat, sun.", word=word,
               hint=did_you_mean(closest(word, WEEKDAY_WORDS)[:1]) or ".")
        )
    return found


def clock_time(text: str) -> time:
    match = _TIME.fullmatch(text.strip())
    if match is None:
        raise InvalidField(tr("'{text}' is not a time; write it as HH:MM, e.g. 09:00.", text=text))
    return time(int(match[1]), int(match[2]))


def occurrence(schedule: WeeklySchedule, week_of: date, zone: ZoneInfo) -> datetime:
    """The run in the ISO week that contains `week_of`, as a UTC-comparable aware datetime."""
    monday = week_of - timedelta(days=week_of.weekday())
    day = monday + timedelta(days=schedule.weekday)
    return datetime.combine(day, schedule.at, tzinfo=zone)


def latest_due(schedule: WeeklySchedule, now: datetime, zone: ZoneInfo) -> datetime:
    """The most recent scheduled run at or before `now`."""
    local_today = now.astimezone(zone).date()
    this_week = occurrence(schedule, local_today, zone)
    return this_week if this_week <= now else occurrence(schedule, local_today - timedelta(days=7), zone)


def next_run(schedule: WeeklySchedule, now: datetime, zone: ZoneInfo) -> datetime:
    local_today = now.astimezone(zone).date()
    this_week = occurrence(schedule, local_today, zone)
    return this_week if this_week > now else occurrence(schedule, local_today + timedelta(days=7), zone)


def week_key(moment: datetime, zone: ZoneInfo) -> str:
    """The ISO week of a run, in the workspace's calendar: the digest's idempotency key."""
    year, week, _ = moment.astimezone(zone).isocalendar()
    return f"{year}-W{week:02d}"

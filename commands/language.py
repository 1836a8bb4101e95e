"""Which language to answer in, read in the command's own transaction, and remembered between requests.

The Slack edge speaks a provisional language from the first moment of a request (what this process last
learned about the reader, else their Slack locale) so that even a typo or `help`, which never open the
database, come in the reader's language; the command's unit of work then reads the settings and switches to
the language they choose. Remembering costs one small dict per process; it is only a first guess.

Nothing here asks Slack on a path that must answer within Slack's 3 seconds: the unit of work uses the locale
only when the People port has it at hand; the Slack edge asks users.info before a lazy listener runs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from sqlmodel import Session

from commands.people import People, PeopleUnavailable
from commands.settings.language import INSTALLER_LOCALE, LANGUAGE, MY_LANGUAGE
from domain.language import DEFAULT_LANGUAGE, LANGUAGES
from domain.language_choice import LanguageChoices
from storage.settings import member_option, put_workspace_option, workspace_option
from storage.unit_of_work import UnitOfWork

logger = logging.getLogger("partnerbot.language")
_remembered: dict[tuple[str, str], str] = {}
_remembered_channels: dict[str, str] = {}
_lock = threading.Lock()
MAX_REMEMBERED = 50_000
LOOKUP_THREADS = 4
"""users.info calls one DM-writing job makes at once (Slack's Tier 4: 100+ a minute)."""


def read_choices(*, session: Session, team_id: str, user_id: str) -> LanguageChoices:
    return LanguageChoices(
        own=member_option(session=session, team_id=team_id, user_id=user_id, key=MY_LANGUAGE),
        workspace=workspace_option(session=session, team_id=team_id, key=LANGUAGE),
        installer_locale=workspace_option(session=session, team_id=team_id, key=INSTALLER_LOCALE),
    )


def record_installer_locale(
    unit_of_work: Callable[[], UnitOfWork], *, team_id: str, user_id: str, locale: str | None, now: datetime
) -> None:
    """At install (the OAuth callback, once the installer is known): their Slack locale is the workspace's
    language until someone sets `language=`."""
    if not locale:
        return
    with unit_of_work() as uow:
        put_workspace_option(
            session=uow.session, team_id=team_id, key=INSTALLER_LOCALE, value=locale[:20], now=now, user=user_id
        )
        uow.commit()


def slack_locale(people: People, user_id: str, *, ask_slack: bool) -> str | None:
    """The reader's Slack locale (users.info, cached by the People port; without `ask_slack`, only when already
    at hand); None when Slack cannot say just now."""
    try:
        person = people.lookup(user_id) if ask_slack else people.known(user_id)
    except PeopleUnavailable:
        logger.warning("no Slack locale for %s just now; speaking the workspace's language", user_id)
        return None
    return person.locale if person else None


def remember(team_id: str, user_id: str, *, reader: str, channel: str | None) -> None:
    with _lock:
        if len(_remembered) >= MAX_REMEMBERED:
            _remembered.clear()
        _remembered[(team_id, user_id)] = reader
        if channel:
            _remembered_channels[team_id] = channel
        else:
            _remembered_channels.pop(team_id, None)


def provisional_language(people: People, team_id: str | None, user_id: str | None, *, ask_slack: bool) -> str:
    """The language to start a request in, before its settings are read: no database; asks Slack (users.info,
    cached) only with `ask_slack`."""
    team, user = team_id or "", user_id or ""
    with _lock:
        known = _remembered.get((team, user))
        channel = _remembered_channels.get(team)
    if known:
        return known
    locale = slack_locale(people, user, ask_slack=ask_slack) if user else None
    return locale or channel or DEFAULT_LANGUAGE


def forget_remembered() -> None:
    """For tests that start over with a fresh database in the same process."""
    with _lock:
        _remembered.clear()
        _remembered_channels.clear()


def languages_to_write_to(
    session: Session, people: People, *, team_id: str, user_ids: Iterable[str]
) -> dict[str, str]:
    """The language to write to each user in, for what only they see (a DM): their `my-language`, else their Slack
    locale (users.info with include_locale, cached by the People port), else the workspace's. Never fails: when
    Slack cannot say, the workspace's language. Every DM path asks here.

    Slack is asked only for members who chose no language of their own and whose locale is not cached, at most
    LOOKUP_THREADS at a time, so a job writing to many owners does not wait for each users.info in turn."""
    users = list(dict.fromkeys(user_ids))
    workspace = workspace_option(session=session, team_id=team_id, key=LANGUAGE)
    installer = workspace_option(session=session, team_id=team_id, key=INSTALLER_LOCALE)
    choices = {
        user: LanguageChoices(
            own=member_option(session=session, team_id=team_id, user_id=user, key=MY_LANGUAGE),
            workspace=workspace,
            installer_locale=installer,
        )
        for user in users
    }
    unknown = [user for user in users if choices[user].own not in LANGUAGES]
    locales = dict(zip(unknown, _slack_locales(people, unknown), strict=True))
    return {
        user: choices[user].reader_language(locales.get(user)) or DEFAULT_LANGUAGE for user in users
    }


def language_to_write_to(session: Session, people: People, *, team_id: str, user_id: str) -> str:
    return languages_to_write_to(session, people, team_id=team_id, user_ids=[user_id])[user_id]


def _slack_locales(people: People, users: list[str]) -> list[str | None]:
    def locale_of(user: str) -> str | None:
        return slack_locale(people, user, ask_slack=True)

    if len(users) <= 1 or all(people.known(user) is not None for user in users):
        return [locale_of(user) for user in users]
    with ThreadPoolExecutor(max_workers=LOOKUP_THREADS, thread_name_prefix="locales") as pool:
        return list(pool.map(locale_of, users))

"""The Slack People port: what users.info says, kept a few minutes, failures never kept."""

from __future__ import annotations

from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.people import SlackPeople, person_from
from commands.people import PeopleUnavailable


class Directory:
    """Answers users_info like the Web API client, from a dict; an error code raises as Slack would."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def users_info(self, *, user: str, include_locale: bool) -> dict[str, Any]:
        self.asked.append(user)
        answer = self.answers[user]
        if isinstance(answer, str):
            response = SlackResponse(
                client=None, http_verb="POST", api_url="", req_args={}, data={"ok": False, "error": answer},
                headers={}, status_code=200,
            )  # fmt: skip
            raise SlackApiError(answer, response)
        return {"ok": True, "user": answer}


def people(directory: Directory, now: list[float]) -> SlackPeople:
    client: WebClient = directory  # type: ignore[assignment]
    return SlackPeople(client, cache_seconds=300, clock=lambda: now[0])


def test_person_carries_bot_deactivated_admin_zone_locale_and_email() -> None:
    user = {
        "id": "U1", "name": "anna", "real_name": "Anna Nowak", "is_bot": False, "deleted": True, "is_admin": True,
        "tz": "Europe/Warsaw", "locale": "pl-PL", "profile": {"display_name": "anna.n", "email": "a@example.com"},
    }  # fmt: skip
    person = person_from(user)
    assert (person.name, person.deleted, person.is_admin, person.timezone, person.locale, person.email) == (
        "anna.n", True, True, "Europe/Warsaw", "pl-PL", "a@example.com"
    )  # fmt: skip
    assert person_from({"id": "USLACKBOT", "name": "slackbot"}).is_bot


def test_answers_are_kept_five_minutes_and_unknown_users_are_none() -> None:
    directory = Directory({"U1": {"id": "U1", "name": "anna"}, "U2": "user_not_found"})
    now = [0.0]
    directory_people = people(directory, now)
    assert directory_people.lookup("U1") is not None and directory_people.lookup("U2") is None
    directory_people.lookup("U1")
    directory_people.lookup("U2")
    assert directory.asked == ["U1", "U2"]
    now[0] = 301.0
    directory_people.lookup("U1")
    assert directory.asked == ["U1", "U2", "U1"]


def test_a_failed_lookup_is_a_clear_refusal_and_is_asked_again_next_time() -> None:
    directory = Directory({"U1": "ratelimited"})
    directory_people = people(directory, [0.0])
    with pytest.raises(PeopleUnavailable, match="nothing was changed"):
        directory_people.lookup("U1")
    directory.answers["U1"] = {"id": "U1", "name": "anna"}
    assert directory_people.lookup("U1") is not None and directory.asked == ["U1", "U1"]

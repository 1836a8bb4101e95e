"""Which language the bot answers in, over the real App: the reader's Slack locale (users.info, cached), their
own `my-language`, the workspace's `language` for channels, and Slack's failure falling back to the latter."""

from __future__ import annotations

import json

from tests.e2e.conftest import Slack
from tests.e2e.messages import visible_text
from tests.e2e.test_digest_alerts_and_home import post_summary

OLGA, PIOTR, ANNA = "U03OLGA", "U04PIOTR", "U01ANNA"


def said(slack: Slack, text: str, user: str = ANNA) -> str:
    response = f"r{len(slack.fake.calls)}"
    slack.command(text, user=user, response=response)
    return visible_text(slack.reply(response))


def looked_up(slack: Slack, user: str) -> int:
    return sum(1 for call in slack.fake.calls if call.method == "users.info" and call.body.get("user") == user)


def test_each_reader_gets_the_stages_in_their_slack_locale_and_slack_is_asked_once(slack: Slack) -> None:
    slack.fake.add_user(OLGA, "Olga", locale="ru-RU")
    slack.fake.add_user(PIOTR, "Piotr", locale="pl-PL")
    assert "Обнаружение" in said(slack, "stages", OLGA) and "Конечная цель" in said(slack, "stages", OLGA)
    assert "Odkrycie" in said(slack, "stages", PIOTR)
    english = said(slack, "stages", ANNA)
    assert "Discovery" in english and "Обнаружение" not in english
    assert looked_up(slack, OLGA) == 1, "the locale is cached per user, not asked on every request"


def test_my_language_overrides_the_slack_locale_and_default_puts_it_back(slack: Slack) -> None:
    slack.fake.add_user(OLGA, "Olga", locale="ru-RU")
    answer = said(slack, "settings my-language=pl", OLGA)
    assert "*my-language* (twoje): pl" in answer and "Język tego, co widzisz tylko ty" in answer
    assert "Odkrycie" in said(slack, "stages", OLGA)
    said(slack, "настройки мой-язык default", OLGA)
    assert "Обнаружение" in said(slack, "stages", OLGA)


def test_russian_and_polish_names_of_stages_move_a_partner_whatever_the_readers_language(slack: Slack) -> None:
    slack.fake.add_user(OLGA, "Olga", locale="ru-RU")
    said(slack, "add Acme")
    assert "Привлечение" in said(slack, "advance Acme przyciąganie", OLGA)
    assert "Support" in said(slack, 'advance Acme "поддержка"')


def test_when_slack_cannot_say_the_locale_the_workspaces_language_answers(slack: Slack) -> None:
    said(slack, "settings language=pl")
    slack.fake.fail("users.info", status=500, times=10)
    answer = said(slack, "stages", OLGA)
    assert "Odkrycie" in answer and "Discovery" not in answer


def test_a_bad_language_is_refused_naming_the_ones_the_bot_speaks(slack: Slack) -> None:
    answer = said(slack, "settings language=de")
    assert "'de' is not a language the bot speaks; use en, ru or pl." in answer
    assert "*language*: default" in said(slack, "settings")


def test_the_stalled_summary_in_a_channel_speaks_the_workspaces_language(slack: Slack) -> None:
    slack.fake.add_user(ANNA, "Anna", locale="en-US")
    said(slack, "settings language=ru")
    text = visible_text(post_summary(slack).body)
    assert "Активация" in text and "Onboarding" not in text


def test_app_home_and_a_form_open_in_the_readers_language(slack: Slack) -> None:
    slack.fake.add_user(OLGA, "Olga", locale="ru-RU")
    said(slack, f"add Acme owner=<@{OLGA}|olga>", OLGA)
    assert slack.event({"type": "app_home_opened", "user": OLGA, "channel": "D1", "tab": "home"}).status == 200
    [published] = slack.fake.wait_for("/api/views.publish")
    assert "Обнаружение" in visible_text(published.body["view"])
    slack.command("score Acme", user=OLGA, response="score")
    [opened] = slack.fake.wait_for("/api/views.open")
    view = opened.body["view"]
    form = visible_text(view if isinstance(view, dict) else json.loads(view))
    assert "Технологическая совместимость" in form and "Technology fit" not in form


def test_help_which_never_opens_the_database_speaks_the_readers_slack_language(slack: Slack) -> None:
    slack.fake.add_user(OLGA, "Olga", locale="ru-RU")
    slack.fake.add_user(PIOTR, "Piotr", locale="pl-PL")
    russian, polish = said(slack, "help", OLGA), said(slack, "pomoc", PIOTR)
    assert "также: `продвинуть`" in russian and "`владелец=` (owner=)" in russian
    assert "także: `przesuń`" in polish and "`właściciel=` (owner=)" in polish
    assert "`продвинуть`" not in said(slack, "help")


def test_a_map_posted_in_a_channel_speaks_the_workspaces_language_whoever_asked(slack: Slack) -> None:
    slack.fake.add_user(PIOTR, "Piotr", locale="pl-PL")
    said(slack, "settings language=ru")
    said(slack, "add Acme")
    slack.command("map", user=PIOTR, response="map")
    [posted] = slack.fake.wait_for("/api/chat.postMessage")
    text = visible_text(posted.body)
    assert "Обнаружение" in text and "Odkrycie" not in text
    assert "Odkrycie" in said(slack, "stages", PIOTR), "what only Piotr sees stays Polish"

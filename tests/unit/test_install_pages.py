"""The "Add to Slack" pages: the link to Slack escaped into the page, and every text in the reader's language."""

from __future__ import annotations

import pytest

from bot.views.installs import install_failed_page, install_page, installed_page
from domain.language import speaking

URL = "https://slack.com/oauth/v2/authorize?state=abc.def&client_id=1.2&scope=commands,chat:write"


def test_the_install_page_links_the_button_to_slack_with_the_url_escaped() -> None:
    page = install_page(URL)
    escaped = URL.replace("&", "&amp;")
    assert f'href="{escaped}"' in page and "&client_id" not in page
    assert 'alt="Add to Slack"' in page and "<code>/partner help</code>" in page and '<html lang="en">' in page


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ru", ["Установка partnerbot", 'alt="Добавить в Slack"', "<code>/partner help</code> в любом канале"]),
        ("pl", ["Instalacja partnerbota", 'alt="Dodaj do Slacka"', "<code>/partner help</code> na dowolnym kanale"]),
    ],
)
def test_each_page_speaks_the_browsers_language(language: str, words: list[str]) -> None:
    with speaking(language):
        page = install_page(URL)
        done = installed_page(team_id="T1", app_id="A1")
        failed = install_failed_page(reason="access_denied", install_path="/slack/install")
    assert all(word in page for word in words) and f'<html lang="{language}">' in page
    assert "Slack" in done and "partnerbot" in done and "installed" not in done
    assert "access_denied" in failed and 'href="/slack/install"' in failed and "installation" not in failed


def test_the_installed_page_opens_the_app_in_slack_and_keeps_a_browser_link() -> None:
    page = installed_page(team_id="T1", app_id="A1")
    assert 'content="0; URL=slack://app?team=T1&amp;id=A1"' in page
    assert 'href="https://app.slack.com/client/T1"' in page and "partnerbot is installed" in page


def test_a_reason_from_the_redirect_is_escaped() -> None:
    page = install_failed_page(reason="<script>x</script>", install_path="/slack/install")
    assert "<script>" not in page and "&lt;script&gt;" in page

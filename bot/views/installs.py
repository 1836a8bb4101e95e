"""The web pages of "Add to Slack": the install page, and what the browser shows when Slack sends it back.

Whoever installs sees them in their browser's language (Accept-Language), like the bot's messages in Slack.
"""

from __future__ import annotations

import html

from domain.language import current_language, tr

ADD_TO_SLACK_IMAGE = "https://platform.slack-edge.com/img/add_to_slack.png"
ADD_TO_SLACK_IMAGE_2X = "https://platform.slack-edge.com/img/add_to_slack@2x.png"
COMMAND = "<code>/partner help</code>"
STYLE = "body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; }"


def _markup(message: str, /, **markup: str) -> str:
    """A translated sentence escaped for HTML, then its placeholders filled with ready markup (links, code)."""
    return html.escape(tr(message)).format(**markup)


def _page(title: str, body: str, *, refresh_to: str | None = None) -> str:
    refresh = f'<meta http-equiv="refresh" content="0; URL={html.escape(refresh_to)}">' if refresh_to else ""
    return (
        f'<!doctype html>\n<html lang="{current_language()}">\n<head>\n<meta charset="utf-8">\n'
        f'<link rel="icon" href="data:,">{refresh}\n<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n'
        f"</head>\n<body>\n<h1>{html.escape(title)}</h1>\n{body}\n</body>\n</html>\n"
    )


def install_page(authorize_url: str) -> str:
    """The "Add to Slack" button, leading to Slack's consent screen with this install's state."""
    button = (
        f'<p><a href="{html.escape(authorize_url)}"><img alt="{html.escape(tr("Add to Slack"))}" height="40"'
        f' width="139" src="{ADD_TO_SLACK_IMAGE}" srcset="{ADD_TO_SLACK_IMAGE} 1x, {ADD_TO_SLACK_IMAGE_2X} 2x"></a></p>'
    )
    intro = tr(
        "partnerbot keeps your partner journey in Slack: partners, stage moves, feedback, KPIs, scores,"
        " a weekly digest and alerts for partners that have stalled."
    )
    after = _markup("After installing, type {command} in any channel to start.", command=COMMAND)
    return _page(tr("Install partnerbot"), f"<p>{html.escape(intro)}</p>\n{button}\n<p>{after}</p>")


def installed_page(*, team_id: str | None, app_id: str | None) -> str:
    """Opens Slack on the app (as Slack's own page would); a link stays for a browser that cannot."""
    opening = f"slack://app?team={team_id}&id={app_id}" if team_id and app_id else "slack://open"
    browser = f"https://app.slack.com/client/{team_id}" if team_id else "https://app.slack.com/"
    link = f'<a href="{html.escape(browser)}">{html.escape(tr("open Slack in the browser"))}</a>'
    text = _markup("Opening Slack… If nothing happens, {link}.", link=link)
    start = _markup("Type {command} in any channel to start.", command=COMMAND)
    return _page(tr("partnerbot is installed"), f"<p>{text}</p>\n<p>{start}</p>", refresh_to=opening)


def install_failed_page(*, reason: str, install_path: str) -> str:
    """Says why in Slack's words (e.g. access_denied, invalid_state), and where to start again."""
    again = f'<a href="{html.escape(install_path)}">{html.escape(tr("start again"))}</a>'
    text = _markup("Nothing was installed. You can {again}, or ask whoever runs partnerbot for help.", again=again)
    why = html.escape(tr("Slack said: {reason}", reason=reason))
    return _page(tr("The installation did not finish"), f"<p>{text}</p>\n<p><small>{why}</small></p>")

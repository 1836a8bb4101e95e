"""Who `/partner ask` may ask: Slack users named by mention, at most MAX_LEADS of them.

Slack sends a mention picked from the @ menu as `<@U…|name>`. Anything else (a channel, `@here`,
`<!channel>`, a user group, `@general` typed by hand, a plain word) would post a questionnaire DM
to a channel or to nobody, so it is refused before anything is stored.
"""

from __future__ import annotations

import re

from commands.tokens import ParseError, Token
from domain.language import tr

MAX_LEADS = 20
USER_ID = re.compile(r"[UW][A-Z0-9]+")
EXAMPLE = "`/partner ask Acme @anna @piotr`"


def _problem(token: Token) -> str | None:
    if token.kind == "user":
        return None if USER_ID.fullmatch(token.entity_id) else tr("'@{name}' is not a Slack user", name=token.text)
    if token.kind == "channel":
        return tr("'#{name}' is a channel", name=token.text)
    if token.text.startswith("@"):
        return tr("'{text}' is not a person's mention", text=token.text)
    return tr("'{text}' is not a mention", text=token.text)


def parse_leads(tokens: list[Token]) -> tuple[str, ...]:
    """The leads' user ids in the order given, each once."""
    problems = [problem for token in tokens if (problem := _problem(token))]
    if problems:
        raise ParseError(
            tr("Leads must be people: {problems}. Pick each lead from Slack's @ menu "
               "(a person, not a channel, @here or a group), e.g. {example}.", problems="; ".join(problems),
               example=EXAMPLE)
        )
    leads = tuple(dict.fromkeys(token.entity_id for token in tokens))
    if len(leads) > MAX_LEADS:
        raise ParseError(
            tr("At most {limit} leads per ask; you named {count}. Ask the others in a second ask.", limit=MAX_LEADS,
               count=len(leads))
        )
    return leads

"""`/partner retention [days=N]`: partners active this quarter that were active last quarter, and who went quiet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from commands.context import Invocation
from commands.grammar import pair_fields, word_tokens
from commands.registry.lookup import stage_title
from commands.replies import Reply
from commands.replies.retention import QuietPartner, RetentionReport
from commands.stalls.listing import describe_activity
from commands.tokens import ParseError, Token
from domain.clock import local_date, start_of_local_day
from domain.errors import InvalidField
from domain.language import N_, tr
from domain.periods import previous_month, quarter_start
from domain.retention import QUIET_AFTER_DAYS, Retention, quarter_number
from domain.targets import current_period
from storage import quarter_activity
from storage import retention as repository
from storage.stalls import last_activity

QUIET_LISTED = 20
USAGE = N_("`/partner retention [days=N]` (N: days without activity that count as gone quiet)")


@dataclass(frozen=True)
class RetentionCommand:
    quiet_days: int = QUIET_AFTER_DAYS


def parse_retention(tokens: list[Token]) -> RetentionCommand:
    if word_tokens(tokens):
        raise ParseError(
            tr("'{word}' is not understood. Usage: {usage}", word=word_tokens(tokens)[0].text, usage=tr(USAGE))
        )
    fields = dict(pair_fields(tokens, "retention"))
    raw = fields.pop("days", None)
    if fields:
        raise ParseError(tr("'{key}=' is not understood here. Usage: {usage}", key=next(iter(fields)), usage=tr(USAGE)))
    if raw is None:
        return RetentionCommand()
    if not raw.isdecimal() or not 1 <= int(raw) <= 365:
        raise InvalidField(tr("days={raw} is not a number of days from 1 to 365. Usage: {usage}",
                              raw=raw, usage=tr(USAGE)))
    return RetentionCommand(int(raw))


def retention(command: RetentionCommand, invocation: Invocation) -> Reply:
    today = local_date(invocation.now, invocation.timezone)
    this = current_period("quarter", today)
    last = current_period("quarter", previous_month(quarter_start(today)))
    since = today - timedelta(days=command.quiet_days - 1)
    team = invocation.team_id
    with invocation.unit_of_work() as uow:
        session = uow.session
        if repository.ensure_zone(session=session, zone=invocation.timezone):
            uow.commit()
        rates = Retention(*quarter_activity.kept(session=session, team_id=team, quarter=quarter_number(today)))
        listed, total = repository.quiet_partners(
            session=session, team_id=team, since=start_of_local_day(since, invocation.timezone), since_day=since,
            limit=QUIET_LISTED,
        )
        quiet = []
        for partner in listed:
            when = describe_activity(last_activity(partner=partner), invocation)
            quiet.append(QuietPartner(partner.name, partner.owner, stage_title(invocation, partner.stage), when))
    report = RetentionReport(this.title, last.title, rates, command.quiet_days, tuple(quiet), total)
    return Reply(report)

"""`/partner retention` over signed HTTP: answered privately, counting a partner registered today as active."""

from __future__ import annotations

from tests.e2e.conftest import Slack
from tests.e2e.messages import visible_text
from tests.e2e.test_alliances_and_export import run_all


def test_retention_counts_a_new_partner_as_active_and_not_quiet(slack: Slack) -> None:
    run_all(slack, "add Acme owner=<@U02BOB|bob>")
    slack.command("retention days=1", response="retention")
    reply = slack.reply("retention")
    assert reply["response_type"] == "ephemeral"
    text = visible_text(reply)
    assert "Partner retention" in text and ":* 1" in text.split("*Active in", 1)[1]
    assert "No partner has gone quiet" in text

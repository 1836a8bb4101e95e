"""Targets and company sales over signed HTTP: set in channel, shown privately by `kpis` and on the card."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from tests.e2e.conftest import Slack
from tests.e2e.messages import visible_text
from tests.e2e.test_alliances_and_export import run_all


def test_targets_and_company_sales_show_on_kpis_and_the_card(slack: Slack) -> None:
    run_all(slack, "add Acme", "kpi Acme leads=5 revenue=40k")
    slack.command("target revenue=100k per=month", response="program")
    program = slack.reply("program")
    assert program["response_type"] == "in_channel" and "revenue 40 000 of 100 000 this month" in visible_text(program)
    slack.command("target Acme leads=20", response="partner")
    assert "leads 5 of 20 this month" in visible_text(slack.reply("partner"))
    this_month = datetime.now(UTC).astimezone(ZoneInfo("Europe/Warsaw")).strftime("%Y-%m")  # the KPI's month
    slack.command(f"company-sales {this_month} 400k", response="sales")
    assert "= *10.0%*" in visible_text(slack.reply("sales"))
    slack.command("kpis", response="kpis")
    dashboard = slack.reply("kpis")
    assert dashboard["response_type"] == "ephemeral"
    assert "*Program targets*" in visible_text(dashboard) and "*Share of company sales*" in visible_text(dashboard)
    slack.command("show Acme", response="card")
    assert "*Targets*" in visible_text(slack.reply("card"))

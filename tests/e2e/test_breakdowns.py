"""`/partner kpis by …` over signed HTTP: posted in the channel with its chart; a filter answered privately."""

from __future__ import annotations

from tests.e2e.conftest import Slack
from tests.e2e.messages import visible_text
from tests.e2e.test_alliances_and_export import run_all, uploaded_files


def test_kpis_by_source_is_posted_with_its_chart_and_a_filter_answers_privately(slack: Slack) -> None:
    run_all(
        slack, "add Acme type=reseller source=events", "add Globex source=referral", "kpi Acme leads=4 revenue=2k"
    )
    slack.command("kpis by source", channel="C0KPIS", response="by")
    [posted] = [c for c in slack.fake.wait_for("/api/chat.postMessage") if c.body.get("channel") == "C0KPIS"]
    text = visible_text(posted.body)
    assert "KPIs by source" in text and "events" in text and "referral" in text
    assert list(uploaded_files(slack, 1)) == ["kpis-by-source.png"]
    slack.command("kpis type=reseller", response="filtered")
    filtered = slack.reply("filtered")
    assert filtered["response_type"] == "ephemeral" and "type=reseller" in visible_text(filtered)

"""The verbs about what partners say and bring: feedback, KPIs, targets, retention."""

from __future__ import annotations

from commands import breakdowns, feedback, kpis, retention, targets
from commands.verbs.verb import Verb
from domain.language import N_
from domain.roles import VIEW, admin_only, on_partner

FIGURE_VERBS: tuple[Verb, ...] = (
    Verb(
        "feedback",
        'feedback NAME [csat=1-5] [nps=0-10] [pain=tooling,payouts] ["text"]',
        N_("Record what a partner told us; with only a name, open the feedback form."),
        ('feedback Acme csat=4 nps=9 "Docs were hard to find"', "feedback Acme"),
        feedback.parse_feedback,
        feedback.feedback,
        aliases=("fb", "opinia", "отзыв"),
        needs=lambda command: on_partner(command.name),
    ),
    Verb(
        "kpi",
        "kpi NAME [leads=… mql=… sql=… deals=… revenue=… cost=…] [on=DATE] | kpi NAME undo",
        N_("Record a partner's figures (revenue takes 5000, 5 000, 5k, 1.2m or 5000,50), undo your last"
        " entry, or with only a name see this month, last month and all time."),
        ("kpi Acme leads=10 mql=6 sql=4 deals=2 revenue=5k cost=800", "kpi Acme", "kpi Acme undo"),
        kpis.parse_kpi,
        kpis.kpi,
        aliases=("metrics",),
        needs=lambda command: on_partner(command.name) if command.fields or command.undo else VIEW,
    ),
    Verb(
        "kpis",
        "kpis [by type|size|segment|source|owner|stage|alliance] [type=… size=… source=… owner=@user …]",
        N_("The program dashboard: partners acquired and active, totals, conversion, top partners by revenue;"
        " `by GROUP` breaks it down per group (table and chart), field=value keeps only those partners."),
        ("kpis", "kpis by type", "kpis type=reseller", "kpis by source size=large"),
        breakdowns.parse_kpis,
        breakdowns.kpis,
        aliases=("dashboard", "program"),
        needs=VIEW,
    ),
    Verb(
        "target",
        "target [NAME] metric=AMOUNT… [per=month|quarter|year] | target [NAME]",
        N_("Targets for the program or one partner (revenue, leads, deals…); the card, `kpis` and the digest show"
        " actual against target and whether it is on track. `revenue=none` clears one."),
        ("target revenue=500k per=quarter", "target Acme leads=20 per=month", "target"),
        targets.parse_target,
        targets.target,
        aliases=("targets", "plan", "план"),
        needs=lambda command: (
            VIEW
            if not command.values
            else on_partner(command.name)
            if command.name
            else admin_only(N_("Setting program targets"))
        ),
    ),
    Verb(
        "company-sales",
        "company-sales YYYY-MM AMOUNT",
        N_("The company's total sales for a month, so `kpis` can show partner-sourced revenue as a share of it."),
        ("company-sales 2026-11 3.2m",),
        targets.parse_company_sales,
        targets.company_sales,
        aliases=("sales", "sprzedaż", "продажи"),
        needs=admin_only(N_("Recording company sales")),
    ),
    Verb(
        "retention",
        "retention [days=N]",
        N_("Partners active this quarter that were active last quarter, and those who went quiet (no activity"
        " for N days, 45 by default) with their owners."),
        ("retention", "retention days=30"),
        retention.parse_retention,
        retention.retention,
        aliases=("retained", "quiet", "retencja", "удержание"),
        needs=VIEW,
    ),
)

"""`/partner list STAGE owner=… type=…` and `list type=…` count and page their partners on an index that holds
every filter, on both engines: no partner row is read just to check its owner or type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, event

from bench.portfolio import OWNERS, build_portfolio
from commands.context import Invocation
from commands.verbs import handle
from tests.conftest import NOW

MakeInvocation = Callable[..., Invocation]


def _partner_reads(engine: Engine, invocation: Invocation, line: str) -> list[tuple[str, Any]]:
    """The counts and entry-instant probes the command sends (the page's own row read excepted)."""
    sent: list[tuple[str, Any]] = []

    def record(connection: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        if "FROM partner" in statement and ("count(*)" in statement or statement.startswith("SELECT partner.stage_")):
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        handle(line, invocation)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return sent


def _plan(engine: Engine, statement: str, parameters: Any) -> str:
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            return "\n".join(str(row[-1]) for row in rows)
        connection.exec_driver_sql("SET enable_seqscan = off")  # a test-sized table would be scanned anyway
        connection.exec_driver_sql("SET enable_bitmapscan = off")
        return "\n".join(row[0] for row in connection.exec_driver_sql(f"EXPLAIN {statement}", parameters).all())


@pytest.mark.parametrize(
    ("line", "index"),
    [
        (f"list discovery owner=<@{OWNERS[1]}> type=reseller", "ix_partner_team_owner_type_stage_entered"),
        (f"list owner=<@{OWNERS[1]}> type=reseller", "ix_partner_team_owner_type_stage_entered"),
        ("list type=reseller", "ix_partner_team_type_stage_entered"),
    ],
)
def test_a_list_filtered_by_type_reads_the_index_that_holds_every_filter(
    engine: Engine, invocation_for: MakeInvocation, line: str, index: str
) -> None:
    build_portfolio(engine, team_id="T1", partners=300, now=NOW)
    sent = _partner_reads(engine, invocation_for(user_id=OWNERS[0]), line)
    assert sent
    for statement, parameters in sent:
        plan = _plan(engine, statement, parameters)
        covering = "COVERING INDEX" if engine.dialect.name == "sqlite" else "Index Only Scan"
        assert f"{covering} {index}" in plan or f"{covering} using {index}" in plan, (statement, plan)

"""Migration 0009 on a database with data: existing partners keep their stages, profile and history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine, text

from commands.context import Invocation
from storage.migrate import downgrade, upgrade
from tests.conversation import converse

MakeInvocation = Callable[..., Invocation]


def test_existing_partners_keep_today_s_five_stages_and_their_history(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    downgrade(engine, "0009")
    then = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO partner (team_id, name, name_key, stage, stage_entered_at, type, archived, created_at,"
                " created_by) VALUES ('T1', 'Ромашка', 'ромашка', 'support', :then, 'agency', false, :then, 'U1')"
            ),
            {"then": then},
        )
        partner_id = connection.execute(text("SELECT id FROM partner")).scalar_one()
        connection.execute(
            text(
                "INSERT INTO stage_move (team_id, partner_id, from_stage, to_stage, moved_at, moved_by, note)"
                " VALUES ('T1', :id, NULL, 'discovery', :then, 'U1', NULL),"
                " ('T1', :id, 'discovery', 'support', :then, 'U1', 'kick-off')"
            ),
            {"id": partner_id, "then": then},
        )
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT stage, type, source FROM partner")).one() == ("support", "agency", None)
        assert connection.execute(text("SELECT count(*) FROM stage_move")).scalar_one() == 2
    converse(
        invocation_for(),
        """
        stages → 1. Discovery … 2. Attraction … 3. Onboarding … 4. Support (`support`) — 1 partner … 5. End goal
        show Ромашка → Stage: Support … Discovery → Support · by U1 · “kick-off”
        set Ромашка source=events → source: — → events
        """,
    )

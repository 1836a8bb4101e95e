"""Checklists per stage as conversations: steps added, ticked by words or number, the card, moving on."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine, text

from commands.context import Invocation
from tests.conversation import converse

MakeInvocation = Callable[..., Invocation]


def test_a_stage_checklist_is_ticked_per_partner_and_moving_on_names_the_open_steps(
    engine: Engine, invocation_for: MakeInvocation
) -> None:
    converse(
        invocation_for(),
        """
        stages checklist activation → Onboarding has no checklist yet.
        stages checklist onboarding add "Sales training done" → Added “Sales training done” … 1. Sales training done
        stages checklist onboarding add "First deal registered" → 2. First deal registered
        stages checklist onboarding add "Demo environment ready" → 3. Demo environment ready
        stages checklist onboarding add "sales training DONE" → ⚠ … already has 'sales training DONE'.
        add Acme → Added Acme
        check Acme "Sales training done" → ⚠ Acme is in Discovery, which has no checklist
        advance Acme onboarding → Discovery → Onboarding
        show Acme → Checklist — Onboarding: 0/3 done ⏎☐ Sales training done ⏎☐ First deal registered
        check Acme "sales trainig done" → “Sales training done” done. ⏎Checklist — Onboarding: 1/3 done ⏎☑ Sales
        check Acme 3 → “Demo environment ready” done. … 2/3 done
        check Acme "training" → “Sales training done” was already done for Acme; nothing changed.
        check Acme "d" → ⚠ 'd' matches several steps of Onboarding's checklist: 1. Sales training
        check Acme "invoice paid" → ⚠ 'invoice paid' matches no step of Onboarding's checklist
        advance Acme → Onboarding → Support … ⚠ Still open in Onboarding's checklist: First deal registered
        stages checklist onboarding remove 2 → ✔ Removed “First deal registered” from
        """,
    )
    with engine.connect() as connection:
        steps = connection.execute(text("SELECT text FROM checklist_item ORDER BY id")).scalars().all()
        ticks = connection.execute(text("SELECT count(*) FROM partner_check")).scalar_one()
    assert (list(steps), ticks) == (["Sales training done", "Demo environment ready"], 2)

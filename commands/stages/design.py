"""Running `/partner stages …`: each change is checked by the domain, saved whole, and answered with the journey.

Changes are serialised per workspace by locking its settings row, so two edits cannot interleave.
"""

from __future__ import annotations

from sqlmodel import Session

from commands.checklists import show_checklist
from commands.context import Invocation
from commands.registry.parse import Stages
from commands.registry.partners import journey_overview
from commands.registry.partners import stages as overview_of
from commands.replies import Reply
from commands.replies.stages import JourneyChanged
from commands.stages.parse import (
    AddStage,
    AliasStage,
    ApplyTemplate,
    Checklist,
    DescribeStage,
    OrderStages,
    RemoveStage,
    RenameStage,
    ShowStages,
    StagesCommand,
)
from commands.workspace import designed_journey, load_journey, rows_from_journey
from domain import stages as rules
from domain.errors import InvalidField
from domain.journey import TEMPLATES, Journey, Stage
from domain.language import tr, trn
from domain.words import closest, fold
from storage import stages as repository
from storage.workspace import settings_for_update

MAX_THRESHOLD_DAYS = 3650


def _days(raw: str | None) -> int | None:
    if raw is None or fold(raw) in ("none", "never", "off"):
        return None
    if raw.isdecimal() and 1 <= int(raw) <= MAX_THRESHOLD_DAYS:
        return int(raw)
    raise InvalidField(
        tr("days='{raw}' is not a number of days; give 1–{limit}, or none (never stalls).", raw=raw,
           limit=MAX_THRESHOLD_DAYS)
    )


def _aliases(raw: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(alias for alias in (" ".join(a.split()) for a in raw.split(",")) if alias))


def _move_out(session: Session, invocation: Invocation, stage: Stage, to: Stage, why: str) -> int:
    return repository.move_everyone(
        session=session, team_id=invocation.team_id, from_stage=stage.key, to_stage=to.key, now=invocation.now,
        user=invocation.user_id, note=why,
    )


def _template(journey: Journey, word: str) -> Journey:
    template = TEMPLATES.get(fold(word))
    if template is None:
        suggestions = closest(word, TEMPLATES) or list(TEMPLATES)
        raise InvalidField(
            tr("Unknown template '{word}' — try {choices}: `method` is the method's four stages"
               " (discovery, attraction, support, end goal), `default` today's five.", word=word,
               choices=tr(" or ").join(suggestions))
        )
    return template


def _change(
    session: Session, invocation: Invocation, journey: Journey, command: StagesCommand
) -> tuple[Journey, str]:
    if isinstance(command, AddStage):
        after = journey.resolve(command.after) if command.after else None
        before = journey.resolve(command.before) if command.before else None
        new = rules.add_stage(
            journey, command.name, after=after, before=before, days=_days(command.days),
            description=command.description, aliases=_aliases(command.aliases),
        )
        added = next(stage for stage in new.stages if stage not in journey.stages)
        return new, tr("Added the stage {stage} (`{key}`).", stage=added.name, key=added.key)
    if isinstance(command, RenameStage):
        stage = journey.resolve(command.stage)
        new = rules.rename_stage(journey, stage, command.name)
        return new, tr("Renamed {stage} to {name}; its key `{key}` and history stay.", stage=stage.name,
                       name=command.name, key=stage.key)
    if isinstance(command, DescribeStage):
        stage = journey.resolve(command.stage)
        return rules.describe_stage(journey, stage, command.description), tr("Described {stage}.", stage=stage.name)
    if isinstance(command, AliasStage):
        stage = journey.resolve(command.stage)
        new = rules.alias_stage(journey, stage, _aliases(command.aliases))
        aliases = ", ".join(new.get(stage.key).aliases)
        return new, tr("{stage} is now also called: {aliases}.", stage=stage.name, aliases=aliases)
    if isinstance(command, OrderStages):
        return rules.reorder(journey, [journey.resolve(word) for word in command.stages]), tr("Reordered the stages.")
    if isinstance(command, RemoveStage):
        stage = journey.resolve(command.stage)
        move_to = journey.resolve(command.move_to) if command.move_to else None
        inside = repository.partners_in_stage(session=session, team_id=invocation.team_id, stage=stage.key)
        new = rules.remove_stage(journey, stage, inside, move_to)
        note = tr("stage {stage} removed", stage=stage.name)
        moved = _move_out(session, invocation, stage, move_to, note) if move_to else 0
        repository.forget_threshold(session=session, team_id=invocation.team_id, stage=stage.key)
        if move_to and moved:
            return new, trn(
                "Removed the stage {stage}; {count} partner(s) moved to {to}. Its moves stay in partners' history.",
                "Removed the stage {stage}; {count} partner(s) moved to {to}. Its moves stay in partners' history.",
                moved, stage=stage.name, to=move_to.name,
            )
        return new, tr("Removed the stage {stage}. Its moves stay in partners' history.", stage=stage.name)
    assert isinstance(command, ApplyTemplate)
    new = _template(journey, command.template)
    move_to = new.resolve(command.move_to) if command.move_to else None
    moved = 0
    for stage in journey.stages:
        if stage.key in new.keys:
            continue
        inside = repository.partners_in_stage(session=session, team_id=invocation.team_id, stage=stage.key)
        rules.remove_stage(journey, stage, inside, move_to)
        if move_to and inside:
            why = tr("journey set to the {template} template", template=fold(command.template))
            moved += _move_out(session, invocation, stage, move_to, why)
    template = fold(command.template)
    if move_to and moved:
        return new, trn(
            "The journey now follows the {template} template; {count} partner(s) moved to {to}.",
            "The journey now follows the {template} template; {count} partner(s) moved to {to}.",
            moved, template=template, to=move_to.name,
        )
    return new, tr("The journey now follows the {template} template.", template=template)


def overview(invocation: Invocation) -> Reply:
    return overview_of(Stages(), invocation)


def run_stages(command: StagesCommand, invocation: Invocation) -> Reply:
    if isinstance(command, ShowStages):
        return overview(invocation)
    if isinstance(command, Checklist):
        return show_checklist(command, invocation)
    team, session_of = invocation.team_id, invocation.unit_of_work
    with session_of() as uow:
        settings_for_update(session=uow.session, team_id=team, now=invocation.now, user=invocation.user_id)
        journey = designed_journey(session=uow.session, team_id=team)
        new, summary = _change(uow.session, invocation, journey, command)
        repository.save_stages(
            session=uow.session, team_id=team, rows=rows_from_journey(team, new),
            previous=rows_from_journey(team, journey),
        )  # fmt: skip
        uow.session.flush()
        changed = journey_overview(uow.session, invocation, load_journey(session=uow.session, team_id=team))
        uow.commit()
    invocation.workspace.forget()
    return Reply(JourneyChanged(summary, changed), public=True)

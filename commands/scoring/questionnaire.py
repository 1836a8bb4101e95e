"""`/partner score`: the questionnaire (one or more pages), its submission, the score and its explanation."""

from __future__ import annotations

from commands.context import Invocation
from commands.registry.cards import quoted
from commands.registry.lookup import require_active_partner, require_partner
from commands.replies import (
    ExplanationRow,
    FormRejected,
    Reply,
    ScoreExplanation,
    ScoreForm,
    ScoreQuestion,
    ScoreRecorded,
)
from commands.scoring.parse import Score
from commands.scoring.summary import score_summary as summary
from domain import scoring
from domain.errors import PartnerbotError
from domain.language import tr, trn
from domain.scorecard import ANSWER_RANGE, Scorecard
from storage import scoring as repository

QUESTIONS_PER_PAGE = 20
MAX_COMMENT = 1000
ANSWERS = {str(answer): answer for answer in ANSWER_RANGE}
"""The only spellings of an answer: ASCII 1–5 ("²" or "５" pass str.isdigit but are not answers)."""


def pages_of(form: ScoreForm, scorecard: Scorecard, answers: dict[str, int], page: int) -> ScoreForm:
    criteria = scorecard.criteria[page * QUESTIONS_PER_PAGE : (page + 1) * QUESTIONS_PER_PAGE]
    questions = tuple(ScoreQuestion(c.key, c.title, c.help, answers.get(c.key)) for c in criteria)
    pages = -(-len(scorecard.criteria) // QUESTIONS_PER_PAGE)
    carried = tuple((key, value) for key, value in answers.items() if key not in {q.key for q in questions})
    return ScoreForm(form.partner, scorecard.version, questions, page, pages, carried, form.comment)


def score_form(invocation: Invocation, name: str) -> Reply:
    """The first page of the questionnaire, pre-filled with this rater's previous answers."""
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, name)
        scorecard = repository.current_scorecard(session=uow.session, team_id=invocation.team_id)
        previous = repository.latest_answers(session=uow.session, partner=partner, rater=invocation.user_id)
    known = {key: value for key, value in previous.items() if key in scorecard.keys}
    form = ScoreForm(partner.name, scorecard.version, ())
    return Reply(modal=pages_of(form, scorecard, known, 0))


def _page_answers(form: ScoreForm, values: dict[str, str | None]) -> dict[str, int]:
    """This page's answers; every question must be answered with 1–5."""
    errors: dict[str, str] = {}
    answers: dict[str, int] = {}
    for question in form.questions:
        raw = (values.get(question.key) or "").strip()
        if raw not in ANSWERS:
            errors[question.key] = (
                tr("Choose 1–5 for this criterion.") if not raw else tr("'{answer}' is not 1–5.", answer=raw[:20])
            )
        else:
            answers[question.key] = ANSWERS[raw]
    if errors:
        raise FormRejected(errors)
    return answers


def first_field(form: ScoreForm) -> str:
    """Where a refusal of the whole form is shown: its first question (or the comment)."""
    return form.questions[0].key if form.questions else "comment"


def check_answers(form: ScoreForm, answers: dict[str, int], scorecard: Scorecard, *, last_page: bool) -> None:
    """The answers against the scorecard version the form was given for: only its criteria, each 1–5, and on
    the last page every one of them. Refuses (changing nothing) rather than storing what `score why` would show."""
    first = first_field(form)
    unknown = sorted(key for key in answers if key not in scorecard.keys)
    if unknown:
        names = ", ".join(repr(key[:40]) for key in unknown[:5])
        refusal = tr("Not criteria of this scorecard: {names}. Run /partner score again.", names=names)
        raise FormRejected({first: refusal})
    outside = sorted(key for key, value in answers.items() if value not in ANSWER_RANGE)
    if outside:
        listed = ", ".join(outside[:5])
        refusal = tr("Answers must be 1–5; not so for {listed}. Run /partner score again.", listed=listed)
        raise FormRejected({first: refusal})
    missing = [key for key in scorecard.keys if key not in answers]
    if last_page and missing:
        raise FormRejected(
            {first: tr("Unanswered criteria: {missing}. Run /partner score again.", missing=", ".join(missing[:5]))}
        )


def submit_score_page(form: ScoreForm, values: dict[str, str | None], invocation: Invocation) -> Reply:
    """A submitted page: the next page as a modal, or — on the last page — the stored answers and the new score.

    Everything is checked before the transaction commits: a refusal changes nothing.
    """
    answers = dict(form.carried) | _page_answers(form, values)
    comment = (values.get("comment") or form.comment or "").strip() or None
    if comment and len(comment) > MAX_COMMENT:
        raise FormRejected({"comment": trn(
            "The comment is {count} character; the limit is {limit}.",
            "The comment is {count} characters; the limit is {limit}.", len(comment), limit=MAX_COMMENT,
        )})
    with invocation.unit_of_work() as uow:
        scorecard = repository.current_scorecard(session=uow.session, team_id=invocation.team_id)
        if scorecard.version != form.scorecard_version:
            first = first_field(form)
            raise FormRejected(
                {first: tr("The scorecard changed while you answered; close this and run /partner score again.")}
            )
        check_answers(form, answers, scorecard, last_page=form.page + 1 >= form.pages)
        if form.page + 1 < form.pages:
            next_form = ScoreForm(form.partner, form.scorecard_version, (), comment=comment)
            return Reply(modal=pages_of(next_form, scorecard, answers, form.page + 1))
        try:  # archived while the form was open: no new answers, as `score` refuses it
            partner = require_active_partner(uow.session, invocation, form.partner, for_update=True)
        except PartnerbotError as error:
            raise FormRejected({first_field(form): error.message}) from None
        rater = scoring.rater_score(answers, scorecard)
        if rater is None:
            raise FormRejected({first_field(form): tr("No answers to score.")})
        repository.add_submission(
            session=uow.session,
            partner=partner,
            rater=invocation.user_id,
            scorecard_version=scorecard.version,
            answers=answers,
            comment=comment,
            now=invocation.now,
        )
        result = summary(uow.session, partner, invocation)
        if result is None:
            raise FormRejected({first_field(form): tr("The score could not be made.")})
        uow.commit()
    return Reply(ScoreRecorded(partner.name, rater, result))


def explain(invocation: Invocation, name: str) -> Reply:
    """Each criterion's weighted contribution, and which rater last changed its answer."""
    with invocation.unit_of_work() as uow:
        partner = require_partner(uow.session, invocation, name)
        scorecard = repository.current_scorecard(session=uow.session, team_id=invocation.team_id)
        assert partner.id is not None
        history = repository.submissions(session=uow.session, team_id=invocation.team_id, partner_ids=[partner.id]).get(
            partner.id, []
        )
        result = summary(uow.session, partner, invocation)
    current = scoring.partner_score(history, scorecard, now=invocation.now)
    if current is None or result is None:
        raise PartnerbotError(
            tr("{partner} has no score yet: `/partner score {typed}` or ask a lead.", partner=partner.name,
               typed=quoted(partner.name))
        )
    rows = []
    for part in scoring.contributions(current, scorecard):
        change = scoring.last_change(history, part.key, part.title)
        moved = (change.before, change.after, change.rater) if change else None
        rows.append(ExplanationRow(part.title, part.weight_share, part.mean_answer, part.points, moved))
    return Reply(ScoreExplanation(partner.name, result, tuple(rows), tuple(sorted(current.per_rater.items()))))


def answer_inline(invocation: Invocation, name: str, answers: tuple[tuple[str, str], ...]) -> Reply:
    """`score Acme market=4 technology=5 …`: the whole questionnaire on one line (every criterion)."""
    with invocation.unit_of_work() as uow:
        partner = require_active_partner(uow.session, invocation, name)  # partner errors are not "missing answers"
        scorecard = repository.current_scorecard(session=uow.session, team_id=invocation.team_id)
    given = dict(answers)
    unknown = [key for key in given if key not in scorecard.keys]
    if unknown:
        raise PartnerbotError(
            tr("Unknown criteria: {unknown}. Criteria: {criteria}.", unknown=", ".join(unknown),
               criteria=", ".join(scorecard.keys))
        )
    questions = tuple(ScoreQuestion(c.key, c.title, c.help) for c in scorecard.criteria)
    form = ScoreForm(partner.name, scorecard.version, questions)
    try:
        return submit_score_page(form, dict(given), invocation)
    except FormRejected as rejected:
        missing = [key for key in rejected.errors if key in scorecard.keys]
        problem = (
            tr("Answer every criterion with 1–5; missing or invalid: {missing}.", missing=", ".join(missing))
            if missing
            else ""
        )
        raise PartnerbotError(problem or "; ".join(rejected.errors.values())) from None


def score(command: Score, invocation: Invocation) -> Reply:
    if command.why:
        return explain(invocation, command.name)
    if command.answers:
        return answer_inline(invocation, command.name, command.answers)
    return score_form(invocation, command.name)

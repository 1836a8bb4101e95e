"""Modal submissions: validate and store inside the ack (so errors show inline in the modal), then
confirm to the user from a lazy listener, through the response URL the form carried or by DM."""

from __future__ import annotations

from collections.abc import Callable
from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.database_trouble import save_failed
from bot.delivery import deliver
from bot.listeners.guard import always, form_needs, metadata_partner
from bot.listeners.invocations import interaction_invocation
from bot.views.modals import build_modal
from bot.views.registry.form import read_metadata, read_submission
from bot.views.scoring.questionnaire import error_block_ids, read_score_form
from commands.card_forms import submit_card_form as card_form_submission
from commands.context import Invocation
from commands.feedback import submit_feedback_form
from commands.registry.partners import submit_registration
from commands.replies import FormRejected, Reply
from commands.scoring.questionnaire import submit_score_page
from domain.roles import ADD, ANSWER

SUBMITTED = "submitted_reply"
def submit_form(
    ack: Ack,
    body: dict[str, Any],
    context: BoltContext,
    logger: Logger,
    submit: Callable[[dict[str, str | None], dict[str, Any], Invocation], Reply],
    first_field: str,
) -> None:
    view = body["view"]
    try:
        reply = submit(read_submission(view), read_metadata(view), interaction_invocation(body, context))
    except FormRejected as rejected:
        ack(response_action="errors", errors=rejected.errors)
        return
    except Exception as error:
        logger.exception("form %s failed", view.get("callback_id"))
        ack(response_action="errors", errors={first_field: save_failed(error)})
        return
    context[SUBMITTED] = reply
    ack()


@form_needs(always(ADD))
def submit_registration_form(ack: Ack, body: dict[str, Any], context: BoltContext, logger: Logger) -> None:
    submit_form(
        ack, body, context, logger, lambda values, _, invocation: submit_registration(values, invocation), "name"
    )


@form_needs(metadata_partner)
def submit_feedback(ack: Ack, body: dict[str, Any], context: BoltContext, logger: Logger) -> None:
    def submit(values: dict[str, str | None], metadata: dict[str, Any], invocation: Invocation) -> Reply:
        return submit_feedback_form(str(metadata.get("partner", "")), values, invocation)

    submit_form(ack, body, context, logger, submit, "text")


@form_needs(metadata_partner)
def submit_card_form(ack: Ack, body: dict[str, Any], context: BoltContext, logger: Logger) -> None:
    def submit(values: dict[str, str | None], metadata: dict[str, Any], invocation: Invocation) -> Reply:
        return card_form_submission(str(metadata.get("form", "")), str(metadata.get("partner", "")), values, invocation)

    first = next(iter(body["view"].get("state", {}).get("values", {})), "name")
    submit_form(ack, body, context, logger, submit, first)


@form_needs(always(ANSWER))
def submit_score(ack: Ack, body: dict[str, Any], context: BoltContext, logger: Logger) -> None:
    """A questionnaire page: the next page replaces it, or the last page stores the answers."""
    view = body["view"]
    form, values = read_score_form(view)
    try:
        invocation = interaction_invocation(body, context)
        reply = submit_score_page(form, values, invocation)
    except FormRejected as rejected:
        ack(response_action="errors", errors=error_block_ids(rejected.errors, form))
        return
    except Exception as error:
        logger.exception("questionnaire for %r failed", form.partner)
        first = form.questions[0].key if form.questions else "comment"
        ack(response_action="errors", errors=error_block_ids({first: save_failed(error)}, form))
        return
    if reply.modal is not None:
        metadata = {key: value for key, value in read_metadata(view).items() if key == "response_url"}
        view = build_modal(reply.modal, user_id=invocation.user_id, metadata=metadata)
        sealed = context["services"].form_seal.seal(view, team_id=invocation.team_id, user_id=invocation.user_id)
        ack(response_action="update", view=sealed)
        return
    context[SUBMITTED] = reply
    ack()


def confirm_submission(body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger) -> None:
    reply = context.get(SUBMITTED)
    if reply is None:
        return
    metadata = read_metadata(body["view"])
    try:
        invocation = interaction_invocation(body, context)
        deliver(
            reply,
            client=client,
            user_id=body["user"]["id"],
            response_url=metadata.get("response_url"),
            invocation=invocation,
        )
    except Exception:
        logger.exception("could not confirm a form submission")

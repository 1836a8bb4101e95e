"""The offline console: `/partner …` lines in, the same replies Slack would show, as text."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from bot.services import Services
from bot.views.replies import build_reply_blocks
from bot.views.text import blocks_to_mrkdwn, mrkdwn_to_terminal
from commands.replies import RegistrationForm, Reply
from commands.verbs import handle

CONSOLE_USER = "console"
PROMPT = "partner> "
QUIT_WORDS = {"exit", "quit", "q", r"\q"}


def render_form(form: RegistrationForm) -> str:
    def options(choices: Iterable[object]) -> str:
        return ", ".join(choice.value for choice in choices)

    return "\n".join(
        [
            "[In Slack this opens the registration form.] Here, type the fields on one line:",
            '  add "Partner Name" type=… size=… segment=… owner=… alliance=… notes="…"',
            f"  type: {options(form.types)}",
            f"  size: {options(form.sizes)}",
            f"  alliance: {options(form.alliances)}",
        ]
    )


def render_reply(reply: Reply) -> str:
    parts = []
    if reply.modal is not None:
        parts.append(render_form(reply.modal))
    if reply.body is not None:
        blocks = [block.to_dict() for block in build_reply_blocks(reply.body)]
        parts.append(mrkdwn_to_terminal(blocks_to_mrkdwn(blocks)))
    return "\n".join(parts)


def command_text(line: str) -> str | None:
    """The command part of a console line; None for blank lines and comments."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    return text.removeprefix("/partner").strip() if text.startswith("/partner") else text


def run_console(services: Services, *, team_id: str, stdin: TextIO, stdout: TextIO, interactive: bool) -> None:
    if interactive:
        stdout.write("partnerbot console: type `help`, or `exit` to leave.\n")
    while True:
        if interactive:
            stdout.write(PROMPT)
            stdout.flush()
        line = stdin.readline()
        if not line:
            break
        text = command_text(line)
        if text is None:
            continue
        if text.casefold() in QUIT_WORDS:
            break
        if not interactive:
            stdout.write(f"{PROMPT}{line.strip()}\n")
        reply = handle(text, services.invocation(team_id=team_id, user_id=CONSOLE_USER))
        stdout.write(render_reply(reply) + "\n\n")
        stdout.flush()

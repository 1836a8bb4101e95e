"""The offline console: `/partner …` lines in, the same replies Slack would show, as text."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from bot.database_trouble import SORRY
from bot.services import Services
from bot.views.blocks import build_reply_blocks
from bot.views.modals import build_modal
from bot.views.text import blocks_to_mrkdwn, mrkdwn_to_terminal
from commands.people import EveryoneIsAPerson
from commands.replies import Body, Modal, Reply
from commands.verbs import handle
from domain.language import N_, tr

logger = logging.getLogger("partnerbot.console")

CONSOLE_USER = "console"
PROMPT = "partner> "
QUIT_WORDS = {"exit", "quit", "q", r"\q"}
FILES_DIR = Path("partnerbot-files")
"""Where the console writes files a reply carries (an export), relative to the working directory."""


FORM_HINTS = {
    "partner_registration": N_('add "Partner Name" type=… size=… segment=… owner=… alliance=… notes="…"'),
    "partner_feedback": N_('feedback NAME csat=1-5 nps=0-10 pain=tooling,payouts other="…" "what they said"'),
    "partner_score": N_("score NAME criterion=1-5 … (every criterion above; `partnerbot scorecard show` lists them)"),
    "scorecard_form": N_(
        "(no one-line form) `partnerbot scorecard load FILE.yml --team TEAM` loads a YAML scorecard"
    ),
}


def console_services(services: Services, language: str | None) -> Services:
    """Offline, `--lang` stands for the Slack locale the console's user would have."""
    return replace(services, people=EveryoneIsAPerson(language))


def render_form(form: Modal) -> str:
    """The modal Slack would open, listed as fields, and how to give the same answers on one line."""
    view = build_modal(form, user_id=CONSOLE_USER, metadata={}).to_dict()
    lines = [tr("[In Slack this opens the form “{title}”.] Its fields:", title=view["title"]["text"])]
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        options = [option["value"] for option in block["element"].get("options", [])]
        choices = f": {', '.join(options)}" if options else ""
        optional = "" if not block.get("optional") else tr(" (optional)")
        lines.append(f"  {block['block_id'].removeprefix('q_')}{optional}{choices}")
    lines.append(
        tr(
            "Here, type it on one line: {hint}",
            hint=tr(FORM_HINTS[view["callback_id"]]) if view.get("callback_id") in FORM_HINTS else "",
        )
    )
    return "\n".join(lines)


def render_reply(reply: Reply) -> str:
    parts = []
    if reply.modal is not None:
        parts.append(render_form(reply.modal))
    if reply.body is not None:
        parts.append(render_body(reply.body))
    return "\n".join(parts)


def render_body(body: Body) -> str:
    blocks = [block.to_dict() for block in build_reply_blocks(body)]
    return mrkdwn_to_terminal(blocks_to_mrkdwn(blocks))


def command_text(line: str) -> str | None:
    """The command part of a console line; None for blank lines and comments."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    return text.removeprefix("/partner").strip() if text.startswith("/partner") else text


def save_files(reply: Reply, folder: Path) -> list[Path]:
    """A reply's files (in Slack: a DM upload) written to `folder`; their paths."""
    if not reply.files:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for file in reply.files:
        path = folder / Path(file.filename).name
        path.write_bytes(file.content)
        paths.append(path.resolve())
    return paths


def run_console(
    services: Services,
    *,
    team_id: str,
    stdin: TextIO,
    stdout: TextIO,
    interactive: bool,
    files_dir: Path = FILES_DIR,
) -> None:
    if interactive:
        stdout.write(tr("partnerbot console: type `help`, or `exit` to leave.") + "\n")
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
        try:
            reply = handle(text, services.invocation(team_id=team_id, user_id=CONSOLE_USER, surface="cli"))
            answer = render_reply(reply)
            for path in save_files(reply, files_dir):
                answer += f"\n[file] {path}"
        except Exception:
            logger.exception("console line %r failed", text)
            answer = mrkdwn_to_terminal(tr(SORRY))
        stdout.write(answer + "\n\n")
        stdout.flush()

"""The offline console: `/partner …` lines in, the same replies Slack would show, as text."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TextIO

from bot.database_trouble import SORRY
from bot.services import Services
from bot.views.blocks import build_reply_blocks
from bot.views.modals import build_modal
from bot.views.text import blocks_to_mrkdwn, mrkdwn_to_terminal
from commands.replies import Body, Modal, Reply
from commands.verbs import handle

logger = logging.getLogger("partnerbot.console")

CONSOLE_USER = "console"
PROMPT = "partner> "
QUIT_WORDS = {"exit", "quit", "q", r"\q"}
FILES_DIR = Path("partnerbot-files")
"""Where the console writes files a reply carries (an export), relative to the working directory."""


FORM_HINTS = {
    "partner_registration": 'add "Partner Name" type=… size=… segment=… owner=… alliance=… notes="…"',
    "partner_feedback": 'feedback NAME csat=1-5 nps=0-10 pain=tooling,payouts other="…" "what they said"',
    "partner_score": "score NAME criterion=1-5 … (every criterion above; `partnerbot scorecard show` lists them)",
    "scorecard_form": "(no one-line form) `partnerbot scorecard load FILE.yml --team TEAM` loads a YAML scorecard",
}


def render_form(form: Modal) -> str:
    """The modal Slack would open, listed as fields, and how to give the same answers on one line."""
    view = build_modal(form, user_id=CONSOLE_USER, metadata={}).to_dict()
    lines = [f"[In Slack this opens the form “{view['title']['text']}”.] Its fields:"]
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        options = [option["value"] for option in block["element"].get("options", [])]
        choices = f": {', '.join(options)}" if options else ""
        optional = "" if not block.get("optional") else " (optional)"
        lines.append(f"  {block['block_id'].removeprefix('q_')}{optional}{choices}")
    lines.append(f"Here, type it on one line: {FORM_HINTS.get(view.get('callback_id', ''), '')}")
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
        try:
            reply = handle(text, services.invocation(team_id=team_id, user_id=CONSOLE_USER))
            answer = render_reply(reply)
            for path in save_files(reply, files_dir):
                answer += f"\n[file] {path}"
        except Exception:
            logger.exception("console line %r failed", text)
            answer = mrkdwn_to_terminal(SORRY)
        stdout.write(answer + "\n\n")
        stdout.flush()

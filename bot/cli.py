"""The `partnerbot` command line: the operations contract's verbs."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from bot.cli_audit import add_audit_parser, cmd_audit
from bot.cli_data import cmd_export, cmd_import, cmd_scorecard
from bot.log_format import LOG_FORMATS, configure_logging
from bot.settings import Settings
from bot.startup import open_services
from domain.language import LANGUAGES, speaking

logger = logging.getLogger("partnerbot")
HTTP_THREADS = 8
WITH_LOG_FORMAT = ("start", "run", "serve", "run-job")
"""The commands that run the bot or its jobs take `--log-format`."""
LAZY_LISTENER_THREADS = 8


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    if settings.installs_to_many_workspaces:
        print("Installing to many workspaces (SLACK_CLIENT_ID) needs HTTP mode: `partnerbot serve`.", file=sys.stderr)
        return 2
    if not settings.has_socket_mode_tokens:
        print("Socket Mode needs SLACK_BOT_TOKEN (xoxb-…) and SLACK_APP_TOKEN (xapp-…); see README.", file=sys.stderr)
        return 2
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from bot.app import build_app
    from bot.graceful import stop_background, stop_on_signals
    from bot.memory import freeze_start_up, limit_malloc_arenas
    from bot.scheduler import build_scheduler
    from bot.workspace_clients import WorkspaceClients

    limit_malloc_arenas()
    services = open_services(settings, serving=True)
    executor = ThreadPoolExecutor(max_workers=LAZY_LISTENER_THREADS, thread_name_prefix="lazy-listener")
    app = build_app(services, verify_requests=False, listener_executor=executor)
    scheduler = build_scheduler(services, WorkspaceClients.single(app.client))
    scheduler.start()
    stopping = stop_on_signals()
    # The app's own client, so apps.connections.open also honours SLACK_API_BASE_URL and the retry handlers.
    handler = SocketModeHandler(app, settings.slack_app_token, web_client=app.client)
    freeze_start_up()
    handler.connect()
    stopping.wait()
    deadline = time.monotonic() + settings.shutdown_grace
    handler.close()
    return stop_background(executor, scheduler, deadline)


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    tokens = settings.slack_bot_token or settings.installs_to_many_workspaces
    if not (tokens and settings.slack_signing_secret):
        print(
            "HTTP mode needs SLACK_SIGNING_SECRET and either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID,"
            " SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (installing to many); see README.",
            file=sys.stderr,
        )
        return 2
    from bot.app import build_app
    from bot.graceful import serve_until, stop_background, stop_on_signals
    from bot.http import build_wsgi_app
    from bot.memory import freeze_start_up, limit_malloc_arenas
    from bot.scheduler import build_scheduler
    from bot.slack_client import build_workspace_clients

    limit_malloc_arenas()
    services = open_services(settings, serving=True)
    executor = ThreadPoolExecutor(max_workers=LAZY_LISTENER_THREADS, thread_name_prefix="lazy-listener")
    app = build_app(services, listener_executor=executor)
    scheduler = build_scheduler(services, build_workspace_clients(settings, services.engine))
    scheduler.start()
    stopping = stop_on_signals()
    wsgi = build_wsgi_app(app, services.engine, settings)
    limits = {"threads": HTTP_THREADS, "max_body_bytes": settings.max_body_bytes, "grace": settings.shutdown_grace}
    freeze_start_up()
    serve_until(wsgi, stopping, host=args.host, port=args.port, **limits)
    return stop_background(executor, scheduler, time.monotonic() + settings.shutdown_grace)


def cmd_console(settings: Settings, args: argparse.Namespace) -> int:
    from bot.console import console_services, run_console

    services = console_services(open_services(settings), args.lang)
    run_console(services, team_id=args.team, stdin=sys.stdin, stdout=sys.stdout, interactive=sys.stdin.isatty())
    return 0


def cmd_start(settings: Settings, args: argparse.Namespace) -> int:
    """Socket Mode when the tokens are set; otherwise the console on a sample portfolio."""
    if settings.has_socket_mode_tokens:
        return cmd_run(settings, args)
    from bot.console import console_services, run_console
    from bot.demo import DEMO_TEAM, seed_demo_portfolio

    services = console_services(open_services(settings), args.lang)
    if seed_demo_portfolio(services, team_id=DEMO_TEAM):
        print(f"No Slack tokens set: offline console with a sample portfolio (team '{DEMO_TEAM}').")
    run_console(services, team_id=DEMO_TEAM, stdin=sys.stdin, stdout=sys.stdout, interactive=sys.stdin.isatty())
    return 0


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from bot.console import console_services
    from bot.demo import DEMO_TEAM, seed_demo_portfolio, speak_in_demo, write_demo_files

    out: Path = args.out
    database = out / "demo.db"
    out.mkdir(parents=True, exist_ok=True)
    for leftover in out.glob("demo.db*"):
        leftover.unlink()
    services = console_services(
        open_services(settings.model_copy(update={"database_url": f"sqlite:///{database}"})), args.lang
    )
    seed_demo_portfolio(services, team_id=DEMO_TEAM)
    if args.lang:
        speak_in_demo(services, args.lang, team_id=DEMO_TEAM)
    for path in write_demo_files(services, out, team_id=DEMO_TEAM):
        print(f"wrote {path}")
    print(f"Explore it: DATABASE_URL=sqlite:///{database} partnerbot console --team {DEMO_TEAM}")
    return 0


def cmd_run_job(settings: Settings, args: argparse.Namespace) -> int:
    from bot.jobs import JOBS, run_job

    if args.job not in JOBS:
        print(f"Unknown job '{args.job}'. Jobs: {', '.join(JOBS)}.", file=sys.stderr)
        return 2
    if not (settings.slack_bot_token or settings.installs_to_many_workspaces):
        print(
            "Jobs post to Slack: set SLACK_BOT_TOKEN, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET"
            " (and SLACK_API_BASE_URL for a stand-in).",
            file=sys.stderr,
        )
        return 2
    from bot.slack_client import build_workspace_clients

    services = open_services(settings)
    print(run_job(args.job, services, build_workspace_clients(settings, services.engine)))
    return 0


def cmd_purge(settings: Settings, args: argparse.Namespace) -> int:
    from bot.purge import run_purge

    return run_purge(open_services(settings), args.team, yes=args.yes, stdin=sys.stdin, stdout=sys.stdout)


def cmd_migrate(settings: Settings, args: argparse.Namespace) -> int:
    open_services(settings)
    print(f"{make_url(settings.database_url).render_as_string(hide_password=True)} is at the latest schema.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="partnerbot", description="Slack bot for partnership teams.")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    logged = argparse.ArgumentParser(add_help=False)
    formats = "one text line per record, or one JSON object per line (default: PARTNERBOT_LOG_FORMAT, else text)"
    logged.add_argument("--log-format", choices=LOG_FORMATS, help=formats)
    parser.set_defaults(log_format=None)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument(
        "--lang", choices=[code for code in LANGUAGES], default=None,
        help="the language to answer in: en, ru or pl (default: the workspace's language setting, else en)",
    )

    def add(
        name: str, handler: Callable[[Settings, argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        parents = [logged, language] if name in WITH_LOG_FORMAT else [language]
        sub = commands.add_parser(name, help=help_text, description=help_text, parents=parents)
        sub.set_defaults(handler=handler)
        return sub

    add("start", cmd_start, "Socket Mode if Slack tokens are set, else the offline console with sample data")
    add("run", cmd_run, "connect to Slack in Socket Mode (SLACK_BOT_TOKEN, SLACK_APP_TOKEN)")
    serve = add("serve", cmd_serve, "serve Slack's HTTP requests at POST /slack/events (and GET /healthz)")
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=3000)
    console = add("console", cmd_console, "type /partner commands offline; reads stdin line by line when piped")
    console.add_argument("--team", default="console", help="workspace id to act in (default: console)")
    demo = add("demo", cmd_demo, "build a sample portfolio and write what the bot shows into a folder")
    demo.add_argument("--out", type=Path, default=Path("partnerbot-demo"))
    for name, handler, help_text in (
        ("import", cmd_import, "import partners from a CSV file (the columns of an export; only name required)"),
        ("export", cmd_export, "export a team's partners to a CSV file (UTF-8)"),
    ):
        sheet = add(name, handler, help_text)
        sheet.add_argument("file", type=Path, metavar="FILE.csv")
        sheet.add_argument("--team", required=True, help="Slack workspace (team) id, e.g. T0123ABCD")
        sheet.add_argument("--user", default="import", help="who the changes are recorded as (default: import)")
        if name == "export":
            sheet.add_argument("--history", action="store_true", help="also stage moves, feedback and KPI entries")
            sheet.add_argument("--sep", default=",", choices=(",", ";"), help="cell separator (; for Excel in PL/RU)")
    scorecard = add("scorecard", cmd_scorecard, "show the scorecard in use, or load one from a YAML file")
    scorecard.add_argument("action", choices=("show", "load"))
    scorecard.add_argument("file", type=Path, nargs="?", metavar="FILE.yml")
    scorecard.add_argument("--team", default="console", help="Slack workspace (team) id (default: console)")
    scorecard.add_argument("--user", default="cli", help="who loaded it (default: cli)")
    add_audit_parser(add("audit", cmd_audit, "export a team's audit trail (who changed what, when) to a CSV file"))
    job = add("run-job", cmd_run_job, "run a scheduled job once, now, exactly as the scheduler would")
    job.add_argument("job", metavar="JOB", help="weekly-digest, stalled-alerts or score-reminders")
    add("migrate", cmd_migrate, "apply database migrations")
    purge = add("purge", cmd_purge, "delete every row of a workspace (after typing its team id to confirm)")
    purge.add_argument("--team", required=True, help="Slack workspace (team) id, e.g. T0123ABCD")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation (for scripts)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        for problem in error.errors():
            print(f"configuration error: {problem['msg']}", file=sys.stderr)
        return 2
    configure_logging(logging.DEBUG if args.verbose else logging.INFO, args.log_format or settings.log_format)
    if not args.verbose:
        logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        with speaking(args.lang):
            return int(args.handler(settings, args))
    except OperationalError as error:
        print(f"the database does not answer: {error.orig or error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

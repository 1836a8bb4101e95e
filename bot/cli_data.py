"""The command line's spreadsheet and scorecard verbs: `import`, `export`, `scorecard show|load`."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from bot.settings import Settings
from bot.startup import open_services


def cmd_import(settings: Settings, args: argparse.Namespace) -> int:
    from commands.spreadsheet import import_partners

    services = open_services(settings)
    if settings.slack_bot_token or settings.installs_to_many_workspaces:
        from bot.people import SlackPeople
        from bot.slack_client import build_workspace_clients

        # owners given as e-mails are matched with users.lookupByEmail, in the team's own workspace
        client = build_workspace_clients(settings, services.engine).for_team(args.team)
        if client is not None:
            services = replace(services, people=SlackPeople(client))
    report = import_partners(args.file, services.invocation(team_id=args.team, user_id=args.user))
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    from commands.spreadsheet import export_history, export_partners

    services = open_services(settings)
    try:
        invocation = services.invocation(team_id=args.team, user_id=args.user)
        count = export_partners(args.file, invocation, sep=args.sep)
        if args.history:
            for path in export_history(args.file, invocation, sep=args.sep):
                print(f"Wrote {path}.")
    except OSError as error:
        print(f"Could not write {args.file}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"Exported {count} partner(s) of team {args.team} to {args.file}.")
    return 0


def cmd_scorecard(settings: Settings, args: argparse.Namespace) -> int:
    from commands.scoring.scorecards import current_scorecard, describe, load_scorecard_file
    from domain.errors import PartnerbotError

    services = open_services(settings)
    invocation = services.invocation(team_id=args.team, user_id=args.user)
    if args.action == "show":
        print(describe(current_scorecard(invocation)))
        return 0
    if args.file is None:
        print("scorecard load needs a FILE.yml", file=sys.stderr)
        return 2
    try:
        version, scorecard = load_scorecard_file(args.file, invocation)
    except PartnerbotError as error:
        print(error.message, file=sys.stderr)
        return 1
    print(f"Loaded {args.file} as version {version} for team {args.team}.\n{describe(scorecard)}")
    return 0

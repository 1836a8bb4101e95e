"""The command line's `audit export`: a workspace's audit trail to a CSV file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import Settings
from bot.startup import open_services


def cmd_audit(settings: Settings, args: argparse.Namespace) -> int:
    from commands.audit_export import export_trail

    services = open_services(settings)
    invocation = services.invocation(team_id=args.team, user_id=args.user, surface="cli")
    try:
        count = export_trail(args.file, invocation)
    except OSError as error:
        print(f"Could not write {args.file}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"Exported {count} audit row(s) of team {args.team} to {args.file}.")
    return 0


def add_audit_parser(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("action", choices=("export",))
    sub.add_argument("--team", required=True, help="Slack workspace (team) id, e.g. T0123ABCD")
    sub.add_argument("file", type=Path, metavar="FILE.csv")
    sub.add_argument("--user", default="cli", help="who reads it (default: cli)")

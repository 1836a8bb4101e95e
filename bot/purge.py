"""`partnerbot purge --team T`: what a workspace left behind, shown, confirmed, then deleted at once."""

from __future__ import annotations

from typing import TextIO

from bot.services import Services
from commands.installs import is_installed, purge_team, team_rows


def _listed(counts: dict[str, int]) -> str:
    return ", ".join(f"{table} {count}" for table, count in sorted(counts.items()) if count)


def run_purge(services: Services, team_id: str, *, yes: bool, stdin: TextIO, stdout: TextIO) -> int:
    """0 when deleted (or nothing to delete), 1 when the confirmation did not match."""
    counts = team_rows(services.unit_of_work, team_id)
    if not any(counts.values()):
        stdout.write(f"Team {team_id} has no rows; nothing to delete.\n")
        return 0
    stdout.write(f"Team {team_id} has {sum(counts.values())} row(s): {_listed(counts)}.\n")
    if is_installed(services.unit_of_work, team_id):
        stdout.write("Slack has not told us the app was uninstalled there; it is still in use.\n")
    if not yes:
        stdout.write(f"Type the team id ({team_id}) to delete all of it for good: ")
        stdout.flush()
        if stdin.readline().strip() != team_id:
            stdout.write("\nNot confirmed; nothing was deleted.\n")
            return 1
    deleted = purge_team(services.unit_of_work, team_id)
    stdout.write(f"Deleted {sum(deleted.values())} row(s) of team {team_id}: {_listed(deleted)}.\n")
    return 0

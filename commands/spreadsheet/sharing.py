"""`/partner export [history] [sep=;]`: the spreadsheet as files for the person who asked (a DM in Slack)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from commands.context import Invocation
from commands.replies import ExportReady, Reply, ReplyFile
from commands.spreadsheet.exporting import partners_csv, write_csv
from commands.spreadsheet.history import HISTORY_FILES, history_rows
from commands.tokens import ParseError, Token
from domain.clock import local_date
from domain.language import tr

USAGE = "`/partner export [history] [sep=;]`"
HISTORY_WORDS = ("history", "all", "historia", "история")
SEPARATORS = {",": ",", ";": ";", "comma": ",", "semicolon": ";", "tab": "\t"}


@dataclass(frozen=True)
class Export:
    history: bool = False
    sep: str = ","


def parse_export(tokens: list[Token]) -> Export:
    history, sep = False, ","
    for token in tokens:
        if token.kind == "pair" and token.key in ("sep", "separator", "delimiter"):
            if token.text.casefold() not in SEPARATORS:
                raise ParseError(tr("sep='{sep}' is not a separator: use sep=; (Excel in PL/RU) or sep=,",
                                    sep=token.text))
            sep = SEPARATORS[token.text.casefold()]
        elif token.kind == "word" and token.text.casefold() in HISTORY_WORDS:
            history = True
        else:
            raise ParseError(tr("'{word}' is not understood here. Usage: {usage}", word=token.text, usage=USAGE))
    return Export(history, sep)


def export(command: Export, invocation: Invocation) -> Reply:
    stamp = local_date(invocation.now, invocation.timezone).isoformat()
    content, count = partners_csv(invocation, sep=command.sep)
    files = [ReplyFile(f"partners-{stamp}.csv", tr("Partners, {day}", day=stamp), content)]
    if command.history:
        for kind, (filename, header) in HISTORY_FILES.items():
            buffer = io.StringIO(newline="")
            write_csv(buffer, header, history_rows(invocation, kind), command.sep)
            name = f"{filename.removesuffix('.csv')}-{stamp}.csv"
            files.append(ReplyFile(name, name.removesuffix(".csv"), buffer.getvalue().encode("utf-8-sig")))
    return Reply(ExportReady(count, tuple(f.filename for f in files)), files=tuple(files))

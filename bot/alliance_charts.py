"""The alliance matrix reply turned into its chart: reply data in, a named PNG out."""

from __future__ import annotations

from decimal import Decimal

from bot.charts.data import MatrixCell, MatrixChart
from bot.views.alliances import MATRIX_COLUMNS, matrix_cells
from commands.replies.alliances import AllianceMatrix
from domain.language import tr

LOWER_IS_BETTER = frozenset({"Bonuses", "Days"})


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def matrix_chart(body: AllianceMatrix) -> MatrixChart:
    columns = MATRIX_COLUMNS[1:]
    rows = []
    for row in body.rows:
        texts = matrix_cells(row)[1:]
        values = (
            row.alliances or None, row.members or None, row.median_score, row.conversion, row.revenue, row.bonuses,
            row.roi, row.median_days_to_goal, row.average_csat,
        )
        cells = tuple(
            MatrixCell(text, _number(value), column not in LOWER_IS_BETTER)
            for text, value, column in zip(texts, values, columns, strict=True)
        )
        rows.append((row.type_name, cells))
    return MatrixChart(tuple(tr(column) for column in columns), tuple(rows))

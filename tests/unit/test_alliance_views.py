"""The alliance builders and the matrix chart: plain data in, what people see out; no data is "—", never 0."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from bot.alliance_charts import matrix_chart
from bot.charts import PNG_MAGIC
from bot.digest_charts import charts_for
from bot.views.alliances import matrix_table
from bot.views.blocks import build_reply_blocks
from bot.views.text import blocks_to_mrkdwn
from commands.replies.alliances import AllianceMatrix, AllianceView, LinkLine, MatrixRow, MemberLine

EMPTY = MatrixRow("hydra", "Hydra", 0, 0, None, None, None, None, None, None, None)
CHAIN = MatrixRow(
    "chain", "Chain", 2, 5, Decimal(71), Decimal("0.125"), Decimal(120000), Decimal(3000), Decimal("0.5"),
    Decimal(88), Decimal("4.25"),
)


def test_matrix_table_shows_measured_figures_and_a_dash_for_no_data() -> None:
    table = matrix_table(AllianceMatrix((CHAIN, EMPTY)))
    chain_line = next(line for line in table.splitlines() if line.startswith("Chain"))
    assert chain_line.split() == ["Chain", "2", "5", "71", "12.5%", "120", "000", "3", "000", "+50%", "88", "4.2"]
    hydra_line = next(line for line in table.splitlines() if line.startswith("Hydra"))
    assert hydra_line.split() == ["Hydra", "0", "0", *["—"] * 7]


def test_matrix_chart_greys_cells_without_data_and_renders() -> None:
    chart = matrix_chart(AllianceMatrix((CHAIN, EMPTY)))
    hydra = dict(chart.rows)["Hydra"]
    assert all(cell.value is None and cell.text == "—" for cell in hydra[2:])
    assert "Hydra: Alliances 0" in chart.alt_text()
    [file] = charts_for(AllianceMatrix((CHAIN, EMPTY, replace(EMPTY, type_name="Перед услугой · Łódź"))))
    assert file.filename == "alliance-matrix.png" and file.png.startswith(PNG_MAGIC)


def test_alliance_view_escapes_names_and_lists_links_and_advice() -> None:
    view = AllianceView(
        "R&D <chain>", "chain", "Chain", True,
        (MemberLine(1, "Acme & Co", "Support"), MemberLine(2, "Globex", "Discovery")),
        (LinkLine("Acme & Co", "Globex", 3, Decimal(1200), Decimal(36000)),),
        ("dependence on every member: fix or replace the link where clients stall (clients stall at …)",),
    )
    text = blocks_to_mrkdwn([block.to_dict() for block in build_reply_blocks(view)])
    assert "R&amp;D &lt;chain&gt;" in text and "<chain>" not in text
    assert "• Acme &amp; Co → us → Globex: 3 clients worth 36 000 · bonuses 1 200" in text
    assert "• Dependence on every member: fix or replace the link" in text

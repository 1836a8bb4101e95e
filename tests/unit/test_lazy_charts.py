"""A worker starts without matplotlib: `bot.app` (what `partnerbot serve` imports) loads only the charts' data,
and the first chart drawn loads the drawing."""

from __future__ import annotations

import subprocess
import sys

from bot.charts import PNG_MAGIC
from bot.charts.data import RankingBar, RankingChart

DRAWING = ("matplotlib", "numpy", "PIL")


def _loaded_after(code: str) -> list[str]:
    script = f"import sys\n{code}\nprint(' '.join(m for m in sys.modules if m.split('.')[0] in {DRAWING!r}))"
    return subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout.split()


def test_the_app_and_everything_it_imports_start_without_matplotlib() -> None:
    assert _loaded_after("import bot.app, bot.http, bot.scheduler, bot.outbox.sending, bot.digest_charts") == []


def test_the_first_chart_drawn_imports_the_drawing() -> None:
    loaded = _loaded_after(
        "from bot import charts\nfrom bot.charts.data import RankingChart\nassert charts.draw(RankingChart(()))"
    )
    assert "matplotlib" in loaded


def test_a_chart_is_drawn_through_the_package() -> None:
    from bot import charts

    assert charts.draw(RankingChart((RankingBar("Acme", 80.0, 1),))).startswith(PNG_MAGIC)

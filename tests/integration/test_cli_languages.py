"""`--lang` on the command line: the console and the demo speak Russian or Polish."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_cli import partnerbot


def test_the_console_answers_in_the_language_asked_and_takes_russian_and_polish_words(tmp_path: Path) -> None:
    lines = "/partner добавить Acme\n/partner przesuń Acme wsparcie\n/partner этапы\n/partner settings\n"
    result = partnerbot("console", "--lang", "ru", database=tmp_path / "bot.db", stdin=lines)
    assert result.returncode == 0, result.stderr
    assert "Поддержка" in result.stdout and "Конечная цель" in result.stdout
    assert "Настройки рабочего пространства" in result.stdout


def test_the_console_without_lang_speaks_the_workspaces_language(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    partnerbot("console", database=database, stdin="/partner settings język=pl\n")
    result = partnerbot("console", database=database, stdin="/partner stages\n")
    assert result.returncode == 0, result.stderr
    assert "Odkrycie" in result.stdout and "Discovery" not in result.stdout


def test_an_unknown_language_is_refused_by_the_command_line(tmp_path: Path) -> None:
    result = partnerbot("console", "--lang", "de", database=tmp_path / "bot.db")
    assert result.returncode == 2 and "invalid choice: 'de'" in result.stderr


def test_the_demo_in_polish_writes_its_views_in_polish(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = partnerbot("demo", "--lang", "pl", "--out", str(out), database=tmp_path / "unused.db")
    assert result.returncode == 0, result.stderr
    stages = (out / "stages.txt").read_text(encoding="utf-8")
    assert "Przyciąganie" in stages and "Cel końcowy" in stages

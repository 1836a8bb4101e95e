"""Replies built by the commands read in Russian and Polish, with each language's plural forms; the CSV headers
follow the reader's language and an import accepts the headers of all three."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from commands.context import Invocation
from commands.replies import HelpSheet, Notice, RegistrationForm, Reply
from commands.spreadsheet import export_partners, import_partners
from commands.verbs import handle
from domain.language import speaking

MakeInvocation = Callable[..., Invocation]


def said(reply: Reply) -> str:
    assert isinstance(reply.body, Notice), reply.body
    return reply.body.text


def setup(invocation: Invocation) -> None:
    for line in ("add Acme type=reseller", 'add "Łódź Digital"', "add Ромашка"):
        handle(line, invocation)


@pytest.mark.parametrize(
    ("language", "line", "expected"),
    [
        ("ru", "advance Acme suport", "Неизвестный этап «suport» — возможно, вы имели в виду support?"),
        ("pl", "advance Acme suport", "Nieznany etap „suport” — czy chodziło o support?"),
        ("ru", "show Acm", "Нет партнёра с именем «Acm» — возможно, вы имели в виду Acme?"),
        ("pl", "frobnicate", "Nieznane polecenie „frobnicate”."),
        ("ru", "add Acme", "Партнёр «Acme» уже есть"),
        ("pl", "kpi Acme leads=2.5", "leads liczy się w liczbach całkowitych: „2.5” nie jest liczbą całkowitą."),
        ("ru", "feedback Acme csat=9", "csat=9 вне диапазона; csat — от 1 до 5."),
        ("pl", "stalled set onboarding soon", "„soon” to nie liczba dni"),
    ],
)
def test_refusals_are_written_in_the_readers_language(
    invocation_for: MakeInvocation, language: str, line: str, expected: str
) -> None:
    invocation = invocation_for()
    setup(invocation)
    with speaking(language):
        assert expected in said(handle(line, invocation))


@pytest.mark.parametrize(
    ("language", "days", "expected"),
    [
        ("ru", "1", "через 1 день"),
        ("ru", "3", "через 3 дня"),
        ("ru", "45", "через 45 дней"),
        ("pl", "1", "po 1 dzień"),
        ("pl", "3", "po 3 dni"),
        ("pl", "45", "po 45 dni"),
    ],
)
def test_a_stall_threshold_is_told_with_the_plural_form_of_its_days(
    invocation_for: MakeInvocation, language: str, days: str, expected: str
) -> None:
    invocation = invocation_for()
    with speaking(language):
        assert expected in said(handle(f"stalled set onboarding {days}", invocation))


def test_archiving_help_and_the_registration_form_speak_polish(invocation_for: MakeInvocation) -> None:
    invocation = invocation_for()
    setup(invocation)
    with speaking("pl"):
        archived = said(handle("archive Acme", invocation))
        sheet = handle("help", invocation).body
        form = handle("add", invocation).modal
    assert archived.startswith("Acme w archiwum: ukryty na listach") and "`/partner restore Acme`" in archived
    assert isinstance(sheet, HelpSheet)
    assert "Przenieś partnera na etap, a bez podanego etapu — na następny." in [verb.summary for verb in sheet.verbs]
    assert any(verb.usage.startswith("/partner advance NAME") for verb in sheet.verbs)
    assert isinstance(form, RegistrationForm)
    assert ("reseller", "Reseller") in [(c.value, c.label) for c in form.types]
    assert ("agency", "Agencja") in [(c.value, c.label) for c in form.types]


def test_an_export_in_russian_has_russian_headers_and_imports_back_in_polish(
    invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    source = invocation_for(team_id="T1")
    setup(source)
    handle('set Acme segment=retail notes="от выставки"', source)
    with speaking("ru"):
        assert export_partners(tmp_path / "partners.csv", source, sep=";") == 3
    header = next(csv.reader(io.StringIO((tmp_path / "partners.csv").read_text("utf-8-sig")), delimiter=";"))
    assert header[:6] == ["имя", "этап", "на этапе с", "ответственный", "сегмент", "тип"]
    assert "дней на этапе" in header and "выручка" in header

    with speaking("pl"):
        report = import_partners(tmp_path / "partners.csv", invocation_for(team_id="T2"))
        summary = report.summary()
    assert report.ok and report.created == 3, summary
    assert summary.startswith("Zaimportowano partners.csv: utworzono 3")


def test_an_import_accepts_polish_headers_and_refuses_an_unknown_one_in_the_readers_language(
    invocation_for: MakeInvocation, tmp_path: Path
) -> None:
    sheet = tmp_path / "polish.csv"
    sheet.write_text("Nazwa;Etap;Typ\nŻabka;onboarding;reseller\n", encoding="utf-8")
    report = import_partners(sheet, invocation_for(team_id="T3"))
    assert report.ok and report.created == 1, report.summary()

    wrong = tmp_path / "wrong.csv"
    wrong.write_text("nazwa;etapp\nŻabka;onboarding\n", encoding="utf-8")
    with speaking("ru"):
        refused = import_partners(wrong, invocation_for(team_id="T3"))
    assert refused.errors[0].startswith("строка 1: неизвестный столбец 'etapp'")

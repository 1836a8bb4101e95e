"""The Russian and Polish words for the grammar's verbs and field names, resolved in one place.

Verbs and field names stay English in the grammar (`/partner advance`, `owner=`); these are the words a
Russian or Polish speaker may type instead. Verbs are looked up in the verb table (commands/verbs/dispatch.py)
together with each verb's own aliases; a field name is turned into its English one as the text is split into
tokens (commands/tokens.py), so no verb's grammar needs to know them. `/partner help` lists the words of the
reader's language.
"""

from __future__ import annotations

from domain.words import fold

VERB_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "help": {"ru": ("помощь", "справка"), "pl": ("pomoc",)},
    "add": {"ru": ("добавить",), "pl": ("dodaj",)},
    "advance": {"ru": ("продвинуть", "перевести"), "pl": ("przesuń", "awansuj")},
    "show": {"ru": ("показать", "карточка"), "pl": ("pokaż", "karta")},
    "set": {"ru": ("изменить",), "pl": ("zmień",)},
    "rename": {"ru": ("переименовать",), "pl": ("zmień-nazwę",)},
    "log": {"ru": ("контакт", "записать"), "pl": ("kontakt", "zapisz")},
    "list": {"ru": ("список",), "pl": ("lista",)},
    "stages": {"ru": ("этапы",), "pl": ("etapy",)},
    "check": {"ru": ("отметить",), "pl": ("odhacz",)},
    "archive": {"ru": ("архивировать", "в-архив"), "pl": ("archiwizuj",)},
    "restore": {"ru": ("восстановить",), "pl": ("przywróć",)},
    "feedback": {"ru": ("отзыв",), "pl": ("opinia",)},
    "kpi": {"ru": ("показатели",), "pl": ("wskaźniki",)},
    "kpis": {"ru": ("сводка", "панель"), "pl": ("podsumowanie", "pulpit")},
    "target": {"ru": ("план", "цели"), "pl": ("plan", "cele")},
    "company-sales": {"ru": ("продажи",), "pl": ("sprzedaż",)},
    "retention": {"ru": ("удержание",), "pl": ("retencja",)},
    "score": {"ru": ("оценка", "оценить"), "pl": ("ocena", "oceń")},
    "ask": {"ru": ("попросить", "запросить"), "pl": ("poproś", "zapytaj")},
    "rank": {"ru": ("рейтинг",), "pl": ("ranking-partnerów", "rankinguj")},
    "stalled": {"ru": ("застряли", "застой"), "pl": ("zastój", "utknęli")},
    "digest": {"ru": ("дайджест",), "pl": ("raport",)},
    "map": {"ru": ("карта",), "pl": ("mapa",)},
    "alliance": {"ru": ("альянс", "альянсы"), "pl": ("sojusz", "sojusze")},
    "handover": {"ru": ("передача", "передать"), "pl": ("przekazanie", "przekaż")},
    "bonus": {"ru": ("бонус",), "pl": ("premia",)},
    "export": {"ru": ("экспорт", "выгрузить"), "pl": ("eksport", "eksportuj")},
    "settings": {"ru": ("настройки",), "pl": ("ustawienia",)},
    "history": {"ru": ("история",), "pl": ("historia",)},
    "audit": {"ru": ("аудит", "журнал"), "pl": ("audyt", "dziennik")},
    "role": {"ru": ("роль",), "pl": ("rola",)},
    "roles": {"ru": ("роли",), "pl": ("lista-ról",)},
    "scorecard": {"ru": ("анкета",), "pl": ("karta-oceny",)},
}

FIELD_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "type": {"ru": ("тип",), "pl": ("typ",)},
    "size": {"ru": ("размер",), "pl": ("rozmiar", "wielkość")},
    "segment": {"ru": ("сегмент", "специализация"), "pl": ("specjalizacja",)},
    "owner": {"ru": ("владелец", "ответственный"), "pl": ("właściciel", "opiekun")},
    "alliance": {"ru": ("альянс", "структура"), "pl": ("sojusz", "struktura")},
    "notes": {"ru": ("заметки", "заметка"), "pl": ("notatki", "notatka")},
    "source": {"ru": ("источник", "канал"), "pl": ("źródło", "kanał")},
    "stage": {"ru": ("этап",), "pl": ("etap",)},
    "csat": {"ru": ("удовлетворённость", "удовлетворенность"), "pl": ("satysfakcja",)},
    "nps": {"ru": ("лояльность",), "pl": ("lojalność",)},
    "text": {"ru": ("текст",), "pl": ("tekst",)},
    "pain": {"ru": ("боли", "боль"), "pl": ("problemy", "bolączki")},
    "other": {"ru": ("другое",), "pl": ("inne",)},
    "per": {"ru": ("за",), "pl": ("na",)},
    "period": {"ru": ("период",), "pl": ("okres",)},
    "days": {"ru": ("дни", "дней"), "pl": ("dni",)},
    "aliases": {"ru": ("синонимы",), "pl": ("synonimy",)},
    "description": {"ru": ("описание",), "pl": ("opis",)},
    "move-to": {"ru": ("перенести-в",), "pl": ("przenieś-do",)},
    "client": {"ru": ("клиент",), "pl": ("klient",)},
    "value": {"ru": ("сумма", "стоимость"), "pl": ("wartość", "kwota")},
    "waited": {"ru": ("ожидание",), "pl": ("czekanie",)},
    "on": {"ru": ("дата", "когда"), "pl": ("data", "kiedy")},
    "sep": {"ru": ("разделитель",), "pl": ("separator-pól",)},
}
"""Field names of every verb's `key=value` pairs. KPI metrics have their Russian and Polish names in their own
table (domain/kpis.py), as stage names do in the journey."""

_ENGLISH_FIELD = {
    fold(word): field for field, languages in FIELD_WORDS.items() for words in languages.values() for word in words
}


def english_field(word: str) -> str:
    """`владелец` / `właściciel` → `owner`; any other key (English, a metric, a criterion) as it was typed."""
    return _ENGLISH_FIELD.get(fold(word), word)


def verb_words(verb: str, language: str) -> tuple[str, ...]:
    return VERB_WORDS.get(verb, {}).get(language, ())


def all_verb_words(verb: str) -> tuple[str, ...]:
    return tuple(word for words in VERB_WORDS.get(verb, {}).values() for word in words)


def field_words(language: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(English field, its words in `language`) for the help sheet."""
    return tuple((field, languages[language]) for field, languages in FIELD_WORDS.items() if language in languages)

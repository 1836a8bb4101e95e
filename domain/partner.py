"""A partner's profile: which fields it has, which values they may take, and how names are matched."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from domain.alliances import ALLIANCE_STRUCTURES
from domain.errors import InvalidField, InvalidPartnerName, PartnerArchived, UnknownChoice
from domain.language import N_, tr, trn
from domain.words import closest, fold

MAX_NAME_LENGTH = 80
MAX_NAME_KEY_LENGTH = 200  # case folding can triple a name (`ﬃ` → `ffi`); the key column holds 200
MAX_TEXT_LENGTH = {"segment": 80, "owner": 80, "notes": 1000}

PARTNER_TYPES: tuple[str, ...] = (
    "referral",
    "reseller",
    "technology",
    "agency",
    "integrator",
    "consultancy",
    "distributor",
    "marketplace",
    "oem",
    "other",
)
TYPE_ALIASES = {"tech": "technology", "consulting": "consultancy", "si": "integrator", "var": "reseller"}
PARTNER_SIZES: tuple[str, ...] = ("small", "medium", "large", "enterprise")
SIZE_ALIASES = {"s": "small", "m": "medium", "l": "large", "smb": "small", "mid": "medium", "xl": "enterprise"}

PARTNER_SOURCES: tuple[str, ...] = (
    "referral", "events", "search", "maps", "social", "content", "outbound", "inbound", "other",
)
"""Where partners come from (the method's channels: maps, search, events, referrals, social, content)."""
SOURCE_ALIASES = {
    "referrals": "referral", "event": "events", "conference": "events", "seo": "search", "google": "search",
    "map": "maps", "linkedin": "social", "blog": "content", "cold": "outbound", "website": "inbound",
}

CHOICE_LABELS = {
    "referral": N_("Referral"), "reseller": N_("Reseller"), "technology": N_("Technology"), "agency": N_("Agency"),
    "integrator": N_("Integrator"), "consultancy": N_("Consultancy"), "distributor": N_("Distributor"),
    "marketplace": N_("Marketplace"), "oem": N_("Oem"), "other": N_("Other"),
    "small": N_("Small"), "medium": N_("Medium"), "large": N_("Large"), "enterprise": N_("Enterprise"),
    "events": N_("Events"), "search": N_("Search"), "maps": N_("Maps"), "social": N_("Social"),
    "content": N_("Content"), "outbound": N_("Outbound"), "inbound": N_("Inbound"),
}
"""The form options' labels of the types, sizes and sources (the stored values stay English)."""


def choice_label(value: str) -> str:
    return tr(CHOICE_LABELS.get(value, value.capitalize()))


PROFILE_FIELDS: tuple[str, ...] = ("type", "size", "segment", "owner", "alliance", "notes", "source")
FIELD_LABELS = {
    "type": N_("Type"), "size": N_("Size"), "segment": N_("Segment"), "owner": N_("Owner"),
    "alliance": N_("Alliance"), "notes": N_("Notes"), "source": N_("Source"),
}
"""How each profile field is named in prose (`key=` words stay English in the grammar)."""
FIELD_ALIASES = {
    "channel": "source",
    "specialization": "segment", "specialisation": "segment", "note": "notes", "structure": "alliance"}

_CONTROL = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
# Tabs and line breaks are fine in notes; other control characters and lone surrogates are not.
_CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_name(raw: str) -> str:
    """A partner name as stored: NFC, single spaces, trimmed; refuses empty, control or overlong names."""
    name = " ".join(unicodedata.normalize("NFC", raw).split())
    if not name:
        raise InvalidPartnerName(tr("A partner needs a name, e.g. `/partner add Acme`."))
    if _CONTROL.search(name):
        raise InvalidPartnerName(tr("A partner name cannot contain control characters."))
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidPartnerName(
            trn("That name is {count} character long; names are limited to {limit}.",
                "That name is {count} characters long; names are limited to {limit}.", len(name), limit=MAX_NAME_LENGTH)
        )
    if len(unicodedata.normalize("NFC", name.casefold())) > MAX_NAME_KEY_LENGTH:
        raise InvalidPartnerName(tr("That name is too long once its letters are case-folded; please shorten it."))
    return name


def refuse_if_archived(name: str, *, archived: bool) -> None:
    """An archived partner keeps its history but takes no changes: no moves, answers, scores or figures."""
    if archived:
        raise PartnerArchived(name)


def name_key(name: str) -> str:
    """The case-insensitive key partners are matched and indexed by (`Żabka` = `ŻABKA`, `Ромашка` = `ромашка`)."""
    return unicodedata.normalize("NFC", clean_name(name).casefold())


@dataclass(frozen=True)
class Profile:
    """Optional descriptive fields of a partner; None means 'not set'."""

    type: str | None = None
    size: str | None = None
    segment: str | None = None
    owner: str | None = None
    alliance: str | None = None
    notes: str | None = None
    source: str | None = None


def _choose(field_name: str, word: str, choices: tuple[str, ...], aliases: dict[str, str]) -> str:
    folded = fold(word)
    for choice in choices:
        if fold(choice) == folded:
            return choice
    if folded in aliases:
        return aliases[folded]
    raise UnknownChoice(field_name, word, closest(word, [*choices, *aliases]), choices)


def alliance_key(word: str) -> str:
    keys = tuple(structure.key for structure in ALLIANCE_STRUCTURES)
    aliases = {fold(alias): s.key for s in ALLIANCE_STRUCTURES for alias in (s.name, *s.aliases)}
    return _choose(N_("alliance structure"), word, keys, aliases)


def field_name(word: str) -> str:
    folded = fold(word)
    if folded in PROFILE_FIELDS:
        return folded
    if folded in FIELD_ALIASES:
        return FIELD_ALIASES[folded]
    raise UnknownChoice(N_("field"), word, closest(word, [*PROFILE_FIELDS, *FIELD_ALIASES]), PROFILE_FIELDS)


def clean_value(field: str, raw: str) -> str | None:
    """A validated profile value; an empty value clears the field."""
    value = " ".join(raw.split())
    if not value:
        return None
    if field == "type":
        return _choose(N_("partner type"), value, PARTNER_TYPES, TYPE_ALIASES)
    if field == "size":
        return _choose(N_("size"), value, PARTNER_SIZES, SIZE_ALIASES)
    if field == "alliance":
        return alliance_key(value)
    if field == "source":
        return _choose(N_("source"), value, PARTNER_SOURCES, SOURCE_ALIASES)
    limit = MAX_TEXT_LENGTH[field]
    value = raw.strip() if field == "notes" else value
    if len(value) > limit:
        raise InvalidField(
            trn("{field}: {count} character is too long; the limit is {limit}.",
                "{field}: {count} characters is too long; the limit is {limit}.", len(value),
                field=tr(FIELD_LABELS[field]), limit=limit)
        )
    if _CONTROL_IN_TEXT.search(value):
        raise InvalidField(tr("The {field} cannot contain control characters.", field=field))
    return value


def build_profile(fields: dict[str, str]) -> Profile:
    """A Profile from user `key=value` pairs, checking every key and value before anything is stored."""
    values: dict[str, str | None] = {}
    for key, raw in fields.items():
        field = field_name(key)
        if field in values:
            raise InvalidField(
                tr("'{key}=' sets the {field} a second time; give each field once.", key=key, field=field)
            )
        values[field] = clean_value(field, raw)
    return Profile(**values)

"""Replies about alliance structures: an alliance, the list, a type explained, the matrix, hand-overs, bonuses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.alliances import AllianceStructure


@dataclass(frozen=True)
class MemberLine:
    position: int
    partner: str
    stage: str


@dataclass(frozen=True)
class LinkLine:
    """One link and what passed along it; `source`/`to` None is the company."""

    source: str | None
    to: str | None
    clients: int
    bonuses: Decimal | None
    value: Decimal | None = None
    """The summed `value=` of the clients passed (those that gave one)."""


@dataclass(frozen=True)
class AllianceView:
    name: str
    type_key: str
    type_name: str
    ordered: bool
    members: tuple[MemberLine, ...]
    links: tuple[LinkLine, ...]
    advice: tuple[str, ...]
    headline: str | None = None


@dataclass(frozen=True)
class AllianceListing:
    rows: tuple[tuple[str, str, int], ...]
    """(name, type name, members)"""
    total: int


@dataclass(frozen=True)
class AllianceTypeView:
    structure: AllianceStructure
    alliances: int


@dataclass(frozen=True)
class MatrixRow:
    type_key: str
    type_name: str
    alliances: int
    members: int
    median_score: Decimal | None
    conversion: Decimal | None
    revenue: Decimal | None
    bonuses: Decimal | None
    roi: Decimal | None
    median_days_to_goal: Decimal | None
    average_csat: Decimal | None


@dataclass(frozen=True)
class AllianceMatrix:
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True)
class FlowRecorded:
    """A hand-over or a bonus was recorded."""

    text: str
    on_date: date
    alliance: str | None = None
    value: Decimal | None = None
    reason: str | None = None


@dataclass(frozen=True)
class AllianceAdvice:
    """For a partner card: a partner's alliances, and what each should work on now."""

    alliances: tuple[str, ...]
    advice: tuple[str, ...]


@dataclass(frozen=True)
class ReplyFile:
    """A file to hand to the person who asked (in Slack: a DM upload; in the console: a local file)."""

    filename: str
    title: str
    content: bytes


@dataclass(frozen=True)
class ExportReady:
    partners: int
    files: tuple[str, ...]

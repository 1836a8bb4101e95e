"""Replies about targets and partners' share of company sales."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from commands.replies.kpis import ProgramDashboard
from domain.targets import TargetProgress


@dataclass(frozen=True)
class SalesShare:
    month: str
    partner_revenue: Decimal
    company_sales: Decimal | None
    share: Decimal | None


@dataclass(frozen=True)
class TargetsView:
    partner: str | None
    """None: the program's targets."""
    progress: tuple[TargetProgress, ...]
    summary: str | None = None


@dataclass(frozen=True)
class DashboardWithTargets(ProgramDashboard):
    """The program dashboard, followed by actual against target and partners' share of company sales."""

    targets: tuple[TargetProgress, ...] = ()
    shares: tuple[SalesShare, ...] = ()


@dataclass(frozen=True)
class CompanySalesRecorded:
    share: SalesShare
    before: Decimal | None

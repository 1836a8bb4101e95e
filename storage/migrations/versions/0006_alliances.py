"""Alliance structures: alliances, members, client hand-overs and bonuses.

A partner's `alliance` label (a type) becomes a one-member alliance of that type named after the partner,
e.g. "Acme (before)"; the label column stays, so the profile keeps showing the type it was given.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _partner_fk(name: str, *, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.Integer(), sa.ForeignKey("partner.id", ondelete="CASCADE"), nullable=nullable)


def label_alliance_name(partner_name: str, type_key: str) -> str:
    return f"{partner_name} ({type_key})"


def upgrade() -> None:
    alliance = op.create_table(
        "alliance",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("advice", sa.String(length=200), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.UniqueConstraint("team_id", "name_key", name="uq_alliance_team_name_key"),
    )
    member = op.create_table(
        "alliance_member",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("alliance_id", sa.Integer(), sa.ForeignKey("alliance.id", ondelete="CASCADE"), nullable=False),
        _partner_fk("partner_id"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.UniqueConstraint("alliance_id", "partner_id", name="uq_alliance_member"),
    )
    op.create_index("ix_alliance_member_team_partner", "alliance_member", ["team_id", "partner_id"])
    op.create_table(
        "handover",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("alliance_id", sa.Integer(), sa.ForeignKey("alliance.id", ondelete="SET NULL"), nullable=True),
        _partner_fk("from_partner_id", nullable=True),
        _partner_fk("to_partner_id", nullable=True),
        sa.Column("client", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Numeric(16, 2), nullable=True),
        sa.Column("waited_hours", sa.Numeric(10, 2), nullable=True),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_handover_team_on_date", "handover", ["team_id", "on_date"])
    op.create_index("ix_handover_team_alliance", "handover", ["team_id", "alliance_id"])
    op.create_table(
        "bonus",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        _partner_fk("partner_id"),
        sa.Column("amount", sa.Numeric(16, 2), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=64), nullable=False),
    )
    op.create_index("ix_bonus_team_partner", "bonus", ["team_id", "partner_id", "on_date"])
    _labels_to_alliances(alliance, member)


def _labels_to_alliances(alliance: sa.Table, member: sa.Table) -> None:
    bind = op.get_bind()
    partner = sa.table("partner", sa.column("id"), sa.column("team_id"), sa.column("name"), sa.column("alliance"))
    labelled = bind.execute(
        sa.select(partner.c.id, partner.c.team_id, partner.c.name, partner.c.alliance)
        .where(partner.c.alliance.is_not(None))
        .order_by(partner.c.id)
    ).all()
    now = datetime.now(UTC)
    for partner_id, team_id, name, type_key in labelled:
        title = label_alliance_name(name, type_key)
        key = unicodedata.normalize("NFC", title.casefold())
        new_id = bind.execute(
            sa.insert(alliance)
            .values(team_id=team_id, name=title, name_key=key, type=type_key, created_at=now, created_by="migration")
            .returning(alliance.c.id)
        ).scalar_one()
        bind.execute(sa.insert(member).values(team_id=team_id, alliance_id=new_id, partner_id=partner_id, position=1))


def downgrade() -> None:
    op.drop_index("ix_bonus_team_partner", table_name="bonus")
    op.drop_table("bonus")
    op.drop_index("ix_handover_team_alliance", table_name="handover")
    op.drop_index("ix_handover_team_on_date", table_name="handover")
    op.drop_table("handover")
    op.drop_index("ix_alliance_member_team_partner", table_name="alliance_member")
    op.drop_table("alliance_member")
    op.drop_table("alliance")

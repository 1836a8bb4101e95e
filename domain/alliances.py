"""The five alliance structures: how clients flow to us and how bonuses flow back."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AllianceStructure:
    key: str
    name: str
    client_flow: str
    bonus_flow: str
    strengths: str
    weaknesses: str
    recommendation: str
    aliases: tuple[str, ...] = ()


ALLIANCE_STRUCTURES: tuple[AllianceStructure, ...] = (
    AllianceStructure(
        key="before",
        name="Before the service",
        client_flow="The partner sends cold leads before it serves the client itself.",
        bonus_flow="A referral fee per qualified lead or closed deal.",
        strengths="Simple to start; volume of new names.",
        weaknesses="Leads are cold; conversion is low.",
        recommendation="Qualify leads together and pay on conversion, not on volume.",
        aliases=("before-service", "before-the-service", "cold", "до"),
    ),
    AllianceStructure(
        key="after",
        name="After the service",
        client_flow="A warm hand-over once the partner's own service is done.",
        bonus_flow="A share of the first contract or a revenue share.",
        strengths="Warm, trusting clients; high conversion.",
        weaknesses="Timing depends on the partner's own project.",
        recommendation="Agree on the hand-over moment and a shared script.",
        aliases=("after-service", "after-the-service", "warm", "после"),
    ),
    AllianceStructure(
        key="moment",
        name="In the moment",
        client_flow="A real-time hand-over through a shared platform or integration.",
        bonus_flow="A per-transaction commission, settled automatically.",
        strengths="Fast, measurable, scales with the platform.",
        weaknesses="Needs integration work and uptime on both sides.",
        recommendation="Invest in the integration and watch its funnel daily.",
        aliases=("in-the-moment", "realtime", "real-time", "platform"),
    ),
    AllianceStructure(
        key="chain",
        name="Chain",
        client_flow='The client is passed along several partners ("toast").',
        bonus_flow="Each link earns from the next; we pay the partner that brought the client.",
        strengths="Reaches clients no single partner could.",
        weaknesses="Attribution and trust along the chain are hard.",
        recommendation="Keep attribution explicit at every hand-over.",
        aliases=("toast", "цепочка", "łańcuch"),
    ),
    AllianceStructure(
        key="hydra",
        name="Hydra",
        client_flow="A non-linear mix of all the other flows.",
        bonus_flow="Mixed: per lead, per deal and revenue share, by flow.",
        strengths="Resilient; many paths to the client.",
        weaknesses="Complex to run and to measure.",
        recommendation="Measure each flow on its own before comparing partners.",
        aliases=("mixed", "гидра", "hydra-mix"),
    ),
)

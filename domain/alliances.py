"""The five alliance structures of the partnership method: how clients reach us and how bonuses flow back.

An alliance is a structure of companies around ours (the hub): partners pass clients to the company (or, in a
chain, along partner — company — partner links) and the company pays a bonus to the partner who brought the
client. Each type below is written in the project's own words, faithful to the method's alliance architect.
Each weakness names the measured signal that shows it (see `domain/alliance_advice.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import UnknownChoice
from domain.words import closest, fold


@dataclass(frozen=True)
class Point:
    title: str
    detail: str


@dataclass(frozen=True)
class Weakness:
    title: str
    detail: str
    signal: str
    """The measurement that shows it (a key of `alliance_advice.SIGNALS`)."""
    recommendation: str


@dataclass(frozen=True)
class AllianceStructure:
    key: str
    name: str
    client_flow: str
    bonus_flow: str
    how_it_works: str
    example: str
    strengths: tuple[Point, ...]
    weaknesses: tuple[Weakness, ...]
    aliases: tuple[str, ...] = ()
    ordered: bool = False
    """Members form a chain whose order matters."""

    @property
    def recommendation(self) -> str:
        return self.weaknesses[0].recommendation


ALLIANCE_STRUCTURES: tuple[AllianceStructure, ...] = (
    AllianceStructure(
        key="before",
        name="Before the service",
        client_flow="Partner → company, before anyone has served the client: cold traffic or the partner's base.",
        bonus_flow="Company → the partner who brought the lead: a fee per qualified lead or closed deal.",
        how_it_works="The partner generates leads with campaigns, events or calls and hands them over; we turn"
        " them into clients. Partner and company are apart in time and in conversation.",
        example="An estate agency passes contacts of prospective buyers, who are then invited to a viewing.",
        strengths=(
            Point("Wide reach", "many new names at once"),
            Point("Easy to scale", "add partners to grow"),
            Point("Low entry threshold", "almost no technology or process to set up"),
            Point("Clear responsibility", "the partner finds, the company sells"),
            Point("Fast start", "no integration needed"),
        ),
        weaknesses=(
            Weakness("Low lead quality", "leads are cold or off-profile", "conversion",
                     "agree qualification criteria before hand-over"),
            Weakness("Weak retention", "clients have no bond with our brand", "csat",
                     "plan a welcome sequence for handed-over clients"),
            Weakness("Lost contact at hand-over", "clients feel dropped between the two", "wait",
                     "call each handed-over lead within a day"),
            Weakness("Dependence on the partner", "results hinge on one partner's work", "concentration",
                     "recruit a second source of leads"),
            Weakness("Extra cost", "processing weak leads is expensive", "bonus_roi",
                     "pay bonuses on closed deals, not on leads"),
        ),
        aliases=("before-service", "before-the-service", "cold", "до", "до-оказания-услуги",
                 "przed", "przed-usluga", "przed-uslugą"),
    ),
    AllianceStructure(
        key="after",
        name="After the service",
        client_flow="Partner → company, after the partner has served the client: a warm hand-over.",
        bonus_flow="Company → the referring partner: a share of the first contract or of the revenue.",
        how_it_works="The partner delivers its own service, then passes the client to us for what comes next;"
        " the client already trusts the partner, and some of that trust carries over.",
        example="A law firm hands a client to a consultancy that will run its business processes.",
        strengths=(
            Point("Loyal clients", "trust earned by the partner carries over"),
            Point("Lead quality", "higher chance of conversion"),
            Point("Cooperation", "synergy between partner and company"),
            Point("Reputation", "a good experience strengthens both brands"),
            Point("Further sales", "services that follow on from the previous ones"),
        ),
        weaknesses=(
            Weakness("Coordination", "partner and company must stay in close touch", "quiet",
                     "agree the hand-over moment and a shared script"),
            Weakness("Long deal cycle", "the client first finishes the partner's service", "cycle",
                     "start the conversation before the partner's project ends"),
            Weakness("Risk of losing the client", "an unhappy client walks away from both", "csat",
                     "check the client's satisfaction with the partner before taking over"),
            Weakness("Narrow niche", "fits only some services", "conversion",
                     "narrow the hand-over to the services that convert"),
            Weakness("High cost", "quality control and coordination cost money", "bonus_roi",
                     "tie the revenue share to retained clients"),
        ),
        aliases=("after-service", "after-the-service", "warm", "после", "после-оказания-услуги",
                 "po", "po-usludze", "po-usłudze"),
    ),
    AllianceStructure(
        key="moment",
        name="In the moment",
        client_flow="Partner → company in real time, through a platform or an automated system; no gap.",
        bonus_flow="Company → partner: a commission per transaction, settled automatically.",
        how_it_works="Clients arrive through a digital platform or integration and we start serving them at"
        " once; nothing is lost to waiting.",
        example="An online booking platform for medical services sends patients to a clinic.",
        strengths=(
            Point("Speed", "requests are answered at once"),
            Point("Fewer losses", "no client is lost in a gap"),
            Point("Transparency", "each client's status is easy to follow"),
            Point("Quick resolution", "questions are settled on the spot"),
            Point("Higher conversion", "clients get attention without delay"),
        ),
        weaknesses=(
            Weakness("Technology demands", "integrated CRM systems are needed", "wait",
                     "automate the hand-over so clients do not wait"),
            Weakness("Dependence on the connection", "an outage stops the flow", "quiet",
                     "monitor the integration and alert on a silent day"),
            Weakness("Complex management", "close coordination is needed", "conversion",
                     "review the funnel of handed-over clients weekly"),
            Weakness("Hard to scale", "every partner needs its own integration", "concentration",
                     "reuse one integration for the next partners"),
            Weakness("Infrastructure cost", "significant IT investment", "bonus_roi",
                     "renegotiate commissions to cover the platform cost"),
        ),
        aliases=("in-the-moment", "realtime", "real-time", "platform", "в-моменте", "момент",
                 "w-momencie", "moment-uslugi"),
    ),
    AllianceStructure(
        key="chain",
        name="Chain",
        client_flow="Partner → company → partner → …: the client moves along the chain; the company is the hub.",
        bonus_flow="Company → each partner that passed the client on, link by link.",
        how_it_works="Clients pass from one partner to the next through the company, getting a different service"
        " at each link; bonuses travel back along the same links.",
        example="A logistics company coordinates transport between several carriers.",
        strengths=(
            Point("Complete solutions", "every need of the client is covered"),
            Point("Interdependence", "ties between members grow stronger"),
            Point("Efficiency", "each member does what it does best"),
            Point("Flexibility", "the chain adapts to the task"),
            Point("Synergy", "the joint result is better"),
        ),
        weaknesses=(
            Weakness("Hard to manage", "strong control is needed", "quiet",
                     "hold a weekly check-in across the chain"),
            Weakness("Dependence on every member", "one weak link breaks the chain", "stall",
                     "fix or replace the link where clients stall"),
            Weakness("High cost", "running several partners takes resources", "bonus_roi",
                     "pay the links on clients that reach the end of the chain"),
            Weakness("Risk of losing clients", "poor coordination upsets clients", "csat",
                     "give the client one contact across the chain"),
            Weakness("Slow to agree", "building the process takes time", "cycle",
                     "write down the hand-over steps once and reuse them"),
        ),
        aliases=("toast", "тост", "цепочка", "из-момента-в-момент", "lancuch", "łańcuch", "tost",
                 "z-momentu-w-moment"),
        ordered=True,
    ),
    AllianceStructure(
        key="hydra",
        name="Hydra",
        client_flow="Non-linear: every link takes whichever flow suits the client — before, after, in the moment"
        " or along a chain.",
        bonus_flow="Mixed, per link: per lead, per deal or a revenue share.",
        how_it_works="Each link is shaped to the client or partner at hand, so individual routes coexist in one"
        " structure.",
        example="An e-commerce platform joining manufacturers, distributors and service companies.",
        strengths=(
            Point("Adaptability", "several models at once"),
            Point("Universality", "fits any industry"),
            Point("Flexibility", "the structure changes with the task"),
            Point("Growing influence", "more members and more interactions"),
            Point("Higher income", "the most out of every chain"),
        ),
        weaknesses=(
            Weakness("Excessive complexity", "management costs are high", "bonus_roi",
                     "cut the links whose bonuses outweigh their revenue"),
            Weakness("Duplication", "members compete for the same client", "concentration",
                     "agree who owns which client segment"),
            Weakness("Needs analytics", "data is hard to account for", "quiet",
                     "record every hand-over so each flow can be measured"),
            Weakness("Technology demands", "many systems to integrate", "wait",
                     "automate the slowest hand-over first"),
            Weakness("Labour-intensive", "the structure needs constant tuning", "stall",
                     "review the link where clients stall"),
        ),
        aliases=("virus", "гидра", "вирус", "wirus", "mixed", "hydra-mix"),
    ),
)

_BY_SPELLING = {fold(spelling): s for s in ALLIANCE_STRUCTURES for spelling in (s.key, s.name, *s.aliases)}


def alliance_type(word: str) -> AllianceStructure:
    """A type by key, name or alias in English, Russian or Polish (`toast`, «в моменте», `wirus`)."""
    found = _BY_SPELLING.get(fold(word.strip("«»\"'„”")))
    if found is None:
        raise UnknownChoice(
            "alliance type", word, closest(word, list(_BY_SPELLING)), [s.key for s in ALLIANCE_STRUCTURES]
        )
    return found

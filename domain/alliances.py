"""The five alliance structures of the partnership method: how clients reach us and how bonuses flow back.

An alliance is a structure of companies around ours (the hub): partners pass clients to the company (or, in a
chain, along partner — company — partner links) and the company pays a bonus to the partner who brought the
client. Each type below is written in the project's own words, faithful to the method's alliance architect.
Each weakness names the measured signal that shows it (see `domain/alliance_advice.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import UnknownChoice
from domain.language import N_
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
        name=N_("Before the service"),
        client_flow=N_("Partner → company, before anyone has served the client: cold traffic or the partner's base."),
        bonus_flow=N_("Company → the partner who brought the lead: a fee per qualified lead or closed deal."),
        how_it_works=N_("The partner generates leads with campaigns, events or calls and hands them over; we turn"
        " them into clients. Partner and company are apart in time and in conversation."),
        example=N_("An estate agency passes contacts of prospective buyers, who are then invited to a viewing."),
        strengths=(
            Point(N_("Wide reach"), N_("many new names at once")),
            Point(N_("Easy to scale"), N_("add partners to grow")),
            Point(N_("Low entry threshold"), N_("almost no technology or process to set up")),
            Point(N_("Clear responsibility"), N_("the partner finds, the company sells")),
            Point(N_("Fast start"), N_("no integration needed")),
        ),
        weaknesses=(
            Weakness(N_("Low lead quality"), N_("leads are cold or off-profile"), "conversion",
                     N_("agree qualification criteria before hand-over")),
            Weakness(N_("Weak retention"), N_("clients have no bond with our brand"), "csat",
                     N_("plan a welcome sequence for handed-over clients")),
            Weakness(N_("Lost contact at hand-over"), N_("clients feel dropped between the two"), "wait",
                     N_("call each handed-over lead within a day")),
            Weakness(N_("Dependence on the partner"), N_("results hinge on one partner's work"), "concentration",
                     N_("recruit a second source of leads")),
            Weakness(N_("Extra cost"), N_("processing weak leads is expensive"), "bonus_roi",
                     N_("pay bonuses on closed deals, not on leads")),
        ),
        aliases=("before-service", "before-the-service", "cold", "до", "до-оказания-услуги",
                 "przed", "przed-usluga", "przed-uslugą"),
    ),
    AllianceStructure(
        key="after",
        name=N_("After the service"),
        client_flow=N_("Partner → company, after the partner has served the client: a warm hand-over."),
        bonus_flow=N_("Company → the referring partner: a share of the first contract or of the revenue."),
        how_it_works=N_("The partner delivers its own service, then passes the client to us for what comes next;"
        " the client already trusts the partner, and some of that trust carries over."),
        example=N_("A law firm hands a client to a consultancy that will run its business processes."),
        strengths=(
            Point(N_("Loyal clients"), N_("trust earned by the partner carries over")),
            Point(N_("Lead quality"), N_("higher chance of conversion")),
            Point(N_("Cooperation"), N_("synergy between partner and company")),
            Point(N_("Reputation"), N_("a good experience strengthens both brands")),
            Point(N_("Further sales"), N_("services that follow on from the previous ones")),
        ),
        weaknesses=(
            Weakness(N_("Coordination"), N_("partner and company must stay in close touch"), "quiet",
                     N_("agree the hand-over moment and a shared script")),
            Weakness(N_("Long deal cycle"), N_("the client first finishes the partner's service"), "cycle",
                     N_("start the conversation before the partner's project ends")),
            Weakness(N_("Risk of losing the client"), N_("an unhappy client walks away from both"), "csat",
                     N_("check the client's satisfaction with the partner before taking over")),
            Weakness(N_("Narrow niche"), N_("fits only some services"), "conversion",
                     N_("narrow the hand-over to the services that convert")),
            Weakness(N_("High cost"), N_("quality control and coordination cost money"), "bonus_roi",
                     N_("tie the revenue share to retained clients")),
        ),
        aliases=("after-service", "after-the-service", "warm", "после", "после-оказания-услуги",
                 "po", "po-usludze", "po-usłudze"),
    ),
    AllianceStructure(
        key="moment",
        name=N_("In the moment"),
        client_flow=N_("Partner → company in real time, through a platform or an automated system; no gap."),
        bonus_flow=N_("Company → partner: a commission per transaction, settled automatically."),
        how_it_works=N_("Clients arrive through a digital platform or integration and we start serving them at"
        " once; nothing is lost to waiting."),
        example=N_("An online booking platform for medical services sends patients to a clinic."),
        strengths=(
            Point(N_("Speed"), N_("requests are answered at once")),
            Point(N_("Fewer losses"), N_("no client is lost in a gap")),
            Point(N_("Transparency"), N_("each client's status is easy to follow")),
            Point(N_("Quick resolution"), N_("questions are settled on the spot")),
            Point(N_("Higher conversion"), N_("clients get attention without delay")),
        ),
        weaknesses=(
            Weakness(N_("Technology demands"), N_("integrated CRM systems are needed"), "wait",
                     N_("automate the hand-over so clients do not wait")),
            Weakness(N_("Dependence on the connection"), N_("an outage stops the flow"), "quiet",
                     N_("monitor the integration and alert on a silent day")),
            Weakness(N_("Complex management"), N_("close coordination is needed"), "conversion",
                     N_("review the funnel of handed-over clients weekly")),
            Weakness(N_("Hard to scale"), N_("every partner needs its own integration"), "concentration",
                     N_("reuse one integration for the next partners")),
            Weakness(N_("Infrastructure cost"), N_("significant IT investment"), "bonus_roi",
                     N_("renegotiate commissions to cover the platform cost")),
        ),
        aliases=("in-the-moment", "realtime", "real-time", "platform", "в-моменте", "момент",
                 "w-momencie", "moment-uslugi"),
    ),
    AllianceStructure(
        key="chain",
        name=N_("Chain"),
        client_flow=N_("Partner → company → partner → …: the client moves along the chain; the company is the hub."),
        bonus_flow=N_("Company → each partner that passed the client on, link by link."),
        how_it_works=N_("Clients pass from one partner to the next through the company, getting a different service"
        " at each link; bonuses travel back along the same links."),
        example=N_("A logistics company coordinates transport between several carriers."),
        strengths=(
            Point(N_("Complete solutions"), N_("every need of the client is covered")),
            Point(N_("Interdependence"), N_("ties between members grow stronger")),
            Point(N_("Efficiency"), N_("each member does what it does best")),
            Point(N_("Flexibility"), N_("the chain adapts to the task")),
            Point(N_("Synergy"), N_("the joint result is better")),
        ),
        weaknesses=(
            Weakness(N_("Hard to manage"), N_("strong control is needed"), "quiet",
                     N_("hold a weekly check-in across the chain")),
            Weakness(N_("Dependence on every member"), N_("one weak link breaks the chain"), "stall",
                     N_("fix or replace the link where clients stall")),
            Weakness(N_("High cost"), N_("running several partners takes resources"), "bonus_roi",
                     N_("pay the links on clients that reach the end of the chain")),
            Weakness(N_("Risk of losing clients"), N_("poor coordination upsets clients"), "csat",
                     N_("give the client one contact across the chain")),
            Weakness(N_("Slow to agree"), N_("building the process takes time"), "cycle",
                     N_("write down the hand-over steps once and reuse them")),
        ),
        aliases=("toast", "тост", "цепочка", "из-момента-в-момент", "lancuch", "łańcuch", "tost",
                 "z-momentu-w-moment"),
        ordered=True,
    ),
    AllianceStructure(
        key="hydra",
        name=N_("Hydra"),
        client_flow=N_("Non-linear: every link takes whichever flow suits the client — before, after, in the moment"
        " or along a chain."),
        bonus_flow=N_("Mixed, per link: per lead, per deal or a revenue share."),
        how_it_works=N_("Each link is shaped to the client or partner at hand, so individual routes coexist in one"
        " structure."),
        example=N_("An e-commerce platform joining manufacturers, distributors and service companies."),
        strengths=(
            Point(N_("Adaptability"), N_("several models at once")),
            Point(N_("Universality"), N_("fits any industry")),
            Point(N_("Flexibility"), N_("the structure changes with the task")),
            Point(N_("Growing influence"), N_("more members and more interactions")),
            Point(N_("Higher income"), N_("the most out of every chain")),
        ),
        weaknesses=(
            Weakness(N_("Excessive complexity"), N_("management costs are high"), "bonus_roi",
                     N_("cut the links whose bonuses outweigh their revenue")),
            Weakness(N_("Duplication"), N_("members compete for the same client"), "concentration",
                     N_("agree who owns which client segment")),
            Weakness(N_("Needs analytics"), N_("data is hard to account for"), "quiet",
                     N_("record every hand-over so each flow can be measured")),
            Weakness(N_("Technology demands"), N_("many systems to integrate"), "wait",
                     N_("automate the slowest hand-over first")),
            Weakness(N_("Labour-intensive"), N_("the structure needs constant tuning"), "stall",
                     N_("review the link where clients stall")),
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
            N_("alliance type"), word, closest(word, list(_BY_SPELLING)), [s.key for s in ALLIANCE_STRUCTURES]
        )
    return found

"""What a command answers: plain data that Slack and the console each render their own way.

Text fields hold user words unescaped; the renderers escape them for their medium.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal


@dataclass(frozen=True)
class Notice:
    text: str
    tone: Literal["info", "success", "error"] = "info"


@dataclass(frozen=True)
class VerbHelp:
    usage: str
    summary: str
    examples: tuple[str, ...]


@dataclass(frozen=True)
class HelpSheet:
    verbs: tuple[VerbHelp, ...]
    focus: VerbHelp | None = None


@dataclass(frozen=True)
class MoveLine:
    when: datetime
    from_stage: str | None
    to_stage: str
    by: str
    note: str | None


@dataclass(frozen=True)
class PartnerCard:
    name: str
    stage: str
    stage_key: str
    stage_since: date
    days_in_stage: int
    stalled: bool
    owner: str | None
    type: str | None
    size: str | None
    segment: str | None
    alliance: str | None
    notes: str | None
    archived: bool
    moves: tuple[MoveLine, ...]
    headline: str | None = None
    feedback: FeedbackSummary | None = None
    kpis: Figures | None = None
    score: ScoreSummary | None = None


@dataclass(frozen=True)
class StageMoved:
    partner: str
    from_stage: str
    to_stage: str
    days_in_previous: int
    backwards: bool
    note: str | None
    by: str


@dataclass(frozen=True)
class PartnerRow:
    name: str
    days_in_stage: int
    stalled: bool
    owner: str | None
    type: str | None


@dataclass(frozen=True)
class StageGroup:
    stage: str
    stage_key: str
    total: int
    rows: tuple[PartnerRow, ...]


@dataclass(frozen=True)
class PartnerListing:
    groups: tuple[StageGroup, ...]
    total: int
    shown: int
    stage_filter: str | None = None


@dataclass(frozen=True)
class StageLine:
    key: str
    name: str
    description: str
    aliases: tuple[str, ...]
    partners: int
    stall_threshold_days: int | None


@dataclass(frozen=True)
class JourneyOverview:
    stages: tuple[StageLine, ...]
    archived: int


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class RegistrationForm:
    """The registration modal: the fields and their choices; `name` pre-fills the name."""

    types: tuple[Choice, ...]
    sizes: tuple[Choice, ...]
    alliances: tuple[Choice, ...]
    name: str = ""


class FormRejected(Exception):
    """A modal submission with field-level errors; keys are the form's field names."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class HomeOverview:
    """App Home: the viewer's own partners by stage, and the program's stage counts."""

    user_id: str
    my_partners: tuple[StageGroup, ...]
    journey: JourneyOverview
    my_stalled: tuple[StalledPartner, ...] = ()
    questionnaires_waiting: tuple[str, ...] = ()
    program: ProgramDashboard | None = None


@dataclass(frozen=True)
class FeedbackSummary:
    responses: int
    latest_when: datetime
    latest_stage: str
    latest_by: str
    latest_text: str | None
    latest_csat: int | None
    latest_nps: int | None
    average_csat: Decimal | None
    nps_class: str | None
    top_pain_points: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class FeedbackRecorded:
    partner: str
    stage: str
    csat: int | None
    nps: int | None
    text: str | None
    pain_points: tuple[str, ...]
    summary: FeedbackSummary


@dataclass(frozen=True)
class FeedbackForm:
    """The feedback modal for one partner."""

    partner: str
    pain_points: tuple[Choice, ...]


@dataclass(frozen=True)
class Figures:
    """Summed and derived KPIs over one period; derived values are None where a denominator is zero."""

    title: str
    totals: dict[str, Decimal]
    derived: dict[str, Decimal | None]


@dataclass(frozen=True)
class KpiReport:
    partner: str
    periods: tuple[Figures, ...]
    changes: dict[str, str | None]


@dataclass(frozen=True)
class KpiRecorded:
    partner: str
    on_date: date
    values: tuple[tuple[str, Decimal], ...]
    undone: bool = False


@dataclass(frozen=True)
class ProgramDashboard:
    acquired: tuple[tuple[str, int], ...]
    active_partners: int
    total_partners: int
    periods: tuple[Figures, ...]
    changes: dict[str, str | None]
    top_by_revenue: tuple[tuple[str, Decimal], ...]


@dataclass(frozen=True)
class ScoreSummary:
    score: float
    raters: int
    previous: float | None
    strongest: tuple[tuple[str, float], ...]
    weakest: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class ScoreQuestion:
    key: str
    title: str
    help: str
    answer: int | None = None


@dataclass(frozen=True)
class ScoreForm:
    """One page of the questionnaire; answers from earlier pages travel along in `carried`."""

    partner: str
    scorecard_version: int
    questions: tuple[ScoreQuestion, ...]
    page: int = 0
    pages: int = 1
    carried: tuple[tuple[str, int], ...] = ()
    comment: str | None = None


@dataclass(frozen=True)
class ScoreRecorded:
    partner: str
    rater_score: float
    summary: ScoreSummary


@dataclass(frozen=True)
class ExplanationRow:
    title: str
    weight_share: float
    mean_answer: float
    points: float
    change: tuple[int, int, str] | None
    """(answer before, answer after, rater) of the last change to this criterion."""


@dataclass(frozen=True)
class ScoreExplanation:
    partner: str
    summary: ScoreSummary
    rows: tuple[ExplanationRow, ...]
    per_rater: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class RankRow:
    place: int
    partner: str
    score: float
    raters: int
    movement: int | None
    reason: tuple[str, int, int, str] | None
    """(criterion title, answer before, answer after, rater) for a big move."""


@dataclass(frozen=True)
class Ranking:
    rows: tuple[RankRow, ...]
    unscored: int
    scope: str | None = None


@dataclass(frozen=True)
class AskSent:
    partner: str
    asked: tuple[str, ...]
    already_waiting: tuple[str, ...]


@dataclass(frozen=True)
class RequestLine:
    lead: str
    asked_at: datetime
    answered_at: datetime | None
    reminded_at: datetime | None


@dataclass(frozen=True)
class AskStatus:
    partner: str
    requests: tuple[RequestLine, ...]


@dataclass(frozen=True)
class ScoreInvitation:
    """The DM a lead receives, with a button that opens the questionnaire."""

    partner: str
    asked_by: str
    criteria: int
    reminder: bool = False


@dataclass(frozen=True)
class DirectMessage:
    user_id: str
    body: ScoreInvitation


@dataclass(frozen=True)
class StalledPartner:
    alert_id: int | None
    partner: str
    stage: str
    stage_key: str
    days: int
    threshold: int
    owner: str | None
    last_activity: str
    snoozed_until: date | None = None
    snoozed_by: str | None = None
    snooze_reason: str | None = None


@dataclass(frozen=True)
class StalledList:
    partners: tuple[StalledPartner, ...]
    thresholds: tuple[tuple[str, int | None], ...]


@dataclass(frozen=True)
class StallReasons:
    reasons: tuple[tuple[str, int], ...]
    by_stage: tuple[tuple[str, int], ...]
    snoozes: int


@dataclass(frozen=True)
class StallAlertMessage:
    """The alert posted in the digest channel; `outcome` replaces the buttons once someone acted."""

    stalled: StalledPartner
    outcome: str | None = None


@dataclass(frozen=True)
class DigestSettingsView:
    channel_id: str | None
    channel_name: str | None
    schedule: str
    paused: bool
    next_run: datetime | None
    changed: bool = False


@dataclass(frozen=True)
class FunnelLine:
    stage: str
    stage_key: str
    partners: int
    median_days: float | None
    max_days: int | None = None


@dataclass(frozen=True)
class TrendWeek:
    week_start: date
    leads: int
    deals: int
    revenue: Decimal


@dataclass(frozen=True)
class WeeklyDigest:
    title: str
    quiet: bool
    new_partners: int
    stage_moves: int
    feedback: int
    kpis_this_week: dict[str, Decimal]
    kpis_week_before: dict[str, Decimal]
    ranking: tuple[RankRow, ...]
    funnel: tuple[FunnelLine, ...]
    stalled: int
    reached_goal: tuple[str, ...]
    trend: tuple[TrendWeek, ...]


@dataclass(frozen=True)
class MapStageLine:
    stage: str
    partners: int
    median_days: float | None
    max_days: int | None
    average_csat: Decimal | None
    nps: int | None
    feedback: int
    top_pain_points: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class JourneyMap:
    stages: tuple[MapStageLine, ...]


Body = (
    Notice
    | HelpSheet
    | PartnerCard
    | StageMoved
    | PartnerListing
    | JourneyOverview
    | FeedbackRecorded
    | KpiReport
    | KpiRecorded
    | ProgramDashboard
    | ScoreRecorded
    | ScoreExplanation
    | Ranking
    | AskSent
    | AskStatus
    | ScoreInvitation
    | StalledList
    | StallReasons
    | StallAlertMessage
    | DigestSettingsView
    | WeeklyDigest
)
Modal = RegistrationForm | FeedbackForm | ScoreForm


@dataclass(frozen=True)
class Reply:
    body: Body | None = None
    public: bool = False
    modal: Modal | None = None
    files: tuple[str, ...] = field(default=())
    direct_messages: tuple[DirectMessage, ...] = ()
    post_in_channel: str | None = None
    """Post the body as a new message in this channel (with its charts), instead of answering the command."""

    @classmethod
    def error(cls, text: str) -> Reply:
        return cls(Notice(text, tone="error"))

"""What a command answers: plain data that Slack and the console each render their own way.

Text fields hold user words unescaped; the renderers escape them for their medium.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from commands.replies.alliances import (
    AllianceAdvice,
    AllianceListing,
    AllianceMatrix,
    AllianceTypeView,
    AllianceView,
    ExportReady,
    FlowRecorded,
    ReplyFile,
)
from commands.replies.audit import AuditLine, AuditTrail
from commands.replies.base import Choice, FormRejected, HelpSheet, Notice, PostedMessage, VerbHelp
from commands.replies.breakdowns import KpiBreakdown
from commands.replies.card_forms import CardForm
from commands.replies.digest import DigestSettingsView, FunnelLine, TrendWeek, WeeklyDigest
from commands.replies.feedback import FeedbackForm, FeedbackRecorded, FeedbackSummary
from commands.replies.home import HomeOverview
from commands.replies.journey_map import JourneyMap, MapStageLine
from commands.replies.kpis import Figures, KpiRecorded, KpiReport, ProgramDashboard
from commands.replies.profile import ProfileEdited
from commands.replies.registry import (
    MoveLine,
    PartnerCard,
    PartnerListing,
    PartnerRow,
    RegistrationForm,
    StageGroup,
    StageMoved,
)
from commands.replies.retention import RetentionReport
from commands.replies.roles import RoleLine, RolesView
from commands.replies.scorecard_form import ScorecardForm
from commands.replies.scoring import (
    AskSent,
    AskStatus,
    ExplanationRow,
    Ranking,
    RankRow,
    RequestLine,
    ScoreExplanation,
    ScoreForm,
    ScoreInvitation,
    ScoreQuestion,
    ScoreRecorded,
    ScoreSummary,
)
from commands.replies.settings import SettingLine, SettingsView
from commands.replies.stages import ChecklistView, JourneyChanged, JourneyOverview, StageLine, StepChecked
from commands.replies.stalls import (
    AlertMessage,
    StallAdvanceForm,
    StallAlertActedOn,
    StalledList,
    StalledPartner,
    StallReasons,
    StallSnoozeForm,
    StallSummary,
    SummaryLine,
)
from commands.replies.targets import CompanySalesRecorded, DashboardWithTargets, TargetsView
from commands.replies.touchpoints import TouchpointLogged
from domain.errors import PartnerbotError

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
    | StallAlertActedOn
    | StallSummary
    | DigestSettingsView
    | WeeklyDigest
    | JourneyMap
    | AllianceView
    | AllianceListing
    | AllianceTypeView
    | AllianceMatrix
    | FlowRecorded
    | ExportReady
    | ProfileEdited
    | TouchpointLogged
    | JourneyChanged
    | ChecklistView
    | StepChecked
    | KpiBreakdown
    | TargetsView
    | DashboardWithTargets
    | CompanySalesRecorded
    | RetentionReport
    | SettingsView
    | AuditTrail
    | RolesView
)
Modal = RegistrationForm | FeedbackForm | ScoreForm | StallAdvanceForm | StallSnoozeForm | CardForm | ScorecardForm


@dataclass(frozen=True)
class Reply:
    body: Body | None = None
    public: bool = False
    modal: Modal | None = None
    post_in_channel: str | None = None
    """Post the body as a new message in this channel (with its charts), instead of answering the command."""
    replaces: PostedMessage | None = None
    """Rewrite this posted message with the body (e.g. a stall alert once acted on), instead of answering."""
    check_membership: str | None = None
    """A channel the bot will post in later: tell the user how to invite the bot when it is not a member."""
    files: tuple[ReplyFile, ...] = ()
    """Files for the person who asked: a DM upload in Slack, files on disk in the console."""
    sends: bool = False
    """The command enqueued Slack posts in its transaction (the outbox): run the sender now."""

    @classmethod
    def error(cls, text: str) -> Reply:
        return cls(Notice(text, tone="error"))


def reply_or_refusal(run: Callable[[], Reply]) -> Reply:
    """What `run` answers, or, when it refuses the request (PartnerbotError), that refusal as an error reply.

    The one place a refusal becomes a reply, for commands, buttons, menus and forms alike.
    """
    try:
        return run()
    except PartnerbotError as error:
        return Reply.error(error.message)


__all__ = [
    "AlertMessage",
    "AllianceAdvice",
    "AllianceListing",
    "AllianceMatrix",
    "AllianceTypeView",
    "AllianceView",
    "AskSent",
    "AskStatus",
    "AuditLine",
    "AuditTrail",
    "Body",
    "Choice",
    "DigestSettingsView",
    "ExplanationRow",
    "ExportReady",
    "FeedbackForm",
    "FeedbackRecorded",
    "FeedbackSummary",
    "Figures",
    "FlowRecorded",
    "FormRejected",
    "FunnelLine",
    "HelpSheet",
    "HomeOverview",
    "JourneyMap",
    "JourneyOverview",
    "KpiRecorded",
    "KpiReport",
    "MapStageLine",
    "Modal",
    "MoveLine",
    "Notice",
    "PartnerCard",
    "PartnerListing",
    "PartnerRow",
    "PostedMessage",
    "ProgramDashboard",
    "RankRow",
    "Ranking",
    "RegistrationForm",
    "Reply",
    "ReplyFile",
    "RequestLine",
    "RoleLine",
    "RolesView",
    "ScoreExplanation",
    "ScoreForm",
    "ScoreInvitation",
    "ScoreQuestion",
    "ScoreRecorded",
    "ScoreSummary",
    "ScorecardForm",
    "SettingLine",
    "SettingsView",
    "StageGroup",
    "StageLine",
    "StageMoved",
    "StallAdvanceForm",
    "StallAlertActedOn",
    "StallReasons",
    "StallSnoozeForm",
    "StallSummary",
    "StalledList",
    "StalledPartner",
    "SummaryLine",
    "TrendWeek",
    "VerbHelp",
    "WeeklyDigest",
    "reply_or_refusal",
]

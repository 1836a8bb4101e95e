"""What a command answers: plain data that Slack and the console each render their own way.

Text fields hold user words unescaped; the renderers escape them for their medium.
"""

from __future__ import annotations

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
from commands.replies.base import FormRejected, HelpSheet, Notice, VerbHelp
from commands.replies.metrics import (
    FeedbackForm,
    FeedbackRecorded,
    FeedbackSummary,
    Figures,
    KpiRecorded,
    KpiReport,
    ProgramDashboard,
)
from commands.replies.operations import (
    DigestSettingsView,
    FunnelLine,
    JourneyMap,
    MapStageLine,
    StallAlertMessage,
    StalledList,
    StalledPartner,
    StallReasons,
    TrendWeek,
    WeeklyDigest,
)
from commands.replies.registry import (
    Choice,
    HomeOverview,
    JourneyOverview,
    MoveLine,
    PartnerCard,
    PartnerListing,
    PartnerRow,
    RegistrationForm,
    StageGroup,
    StageLine,
    StageMoved,
)
from commands.replies.scores import (
    AskSent,
    AskStatus,
    DirectMessage,
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
    | JourneyMap
    | AllianceView
    | AllianceListing
    | AllianceTypeView
    | AllianceMatrix
    | FlowRecorded
    | ExportReady
)
Modal = RegistrationForm | FeedbackForm | ScoreForm


@dataclass(frozen=True)
class Reply:
    body: Body | None = None
    public: bool = False
    modal: Modal | None = None
    direct_messages: tuple[DirectMessage, ...] = ()
    post_in_channel: str | None = None
    """Post the body as a new message in this channel (with its charts), instead of answering the command."""
    files: tuple[ReplyFile, ...] = ()
    """Files for the person who asked: a DM upload in Slack, files on disk in the console."""

    @classmethod
    def error(cls, text: str) -> Reply:
        return cls(Notice(text, tone="error"))


__all__ = [
    "AllianceAdvice",
    "AllianceListing",
    "AllianceMatrix",
    "AllianceTypeView",
    "AllianceView",
    "AskSent",
    "AskStatus",
    "Body",
    "Choice",
    "DigestSettingsView",
    "DirectMessage",
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
    "ProgramDashboard",
    "RankRow",
    "Ranking",
    "RegistrationForm",
    "Reply",
    "ReplyFile",
    "RequestLine",
    "ScoreExplanation",
    "ScoreForm",
    "ScoreInvitation",
    "ScoreQuestion",
    "ScoreRecorded",
    "ScoreSummary",
    "StageGroup",
    "StageLine",
    "StageMoved",
    "StallAlertMessage",
    "StallReasons",
    "StalledList",
    "StalledPartner",
    "TrendWeek",
    "VerbHelp",
    "WeeklyDigest",
]

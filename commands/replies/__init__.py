"""What a command answers: plain data that Slack and the console each render their own way.

Text fields hold user words unescaped; the renderers escape them for their medium.
"""

from __future__ import annotations

from dataclasses import dataclass

from commands.replies.base import Choice, FormRejected, HelpSheet, Notice, VerbHelp
from commands.replies.digest import DigestSettingsView, FunnelLine, TrendWeek, WeeklyDigest
from commands.replies.feedback import FeedbackForm, FeedbackRecorded, FeedbackSummary
from commands.replies.home import HomeOverview
from commands.replies.journey_map import JourneyMap, MapStageLine
from commands.replies.kpis import Figures, KpiRecorded, KpiReport, ProgramDashboard
from commands.replies.registry import (
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
from commands.replies.scoring import (
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
from commands.replies.stalls import StallAlertMessage, StalledList, StalledPartner, StallReasons

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

    @classmethod
    def error(cls, text: str) -> Reply:
        return cls(Notice(text, tone="error"))


__all__ = [
    "AskSent",
    "AskStatus",
    "Body",
    "Choice",
    "DigestSettingsView",
    "DirectMessage",
    "ExplanationRow",
    "FeedbackForm",
    "FeedbackRecorded",
    "FeedbackSummary",
    "Figures",
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

"""The App Home tab when its contents cannot be read: a notice instead of a stale or empty tab."""

from __future__ import annotations

from slack_sdk.models.blocks import SectionBlock
from slack_sdk.models.views import View


def build_notice_home_view(notice: str) -> View:
    return View(type="home", blocks=[SectionBlock(text=notice)])

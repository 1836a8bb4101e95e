"""Which language a text is written in: the reader's own for what only they see, the workspace's for a channel.

A member's `my-language` wins, then their Slack locale, then the workspace's language. The workspace's is its
`language` setting, else the locale of whoever installed the app, else the language the entry started in
(English, unless the console's `--lang` or a test's `speaking` says otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.language import LANGUAGES, language_of

LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {
    "en": ("english", "angielski", "английский", "en-us", "en-gb"),
    "ru": ("russian", "русский", "rosyjski", "ru-ru", "рус"),
    "pl": ("polish", "polski", "польский", "pl-pl", "пол"),
}
"""What people type for a language besides its code."""


@dataclass(frozen=True)
class LanguageChoices:
    """What a workspace and one of its members chose (None: not set), and the installer's Slack locale."""

    own: str | None = None
    workspace: str | None = None
    installer_locale: str | None = None

    @property
    def channel_language(self) -> str | None:
        """None when nothing was chosen: then the entry's own language stands (English unless `--lang` says)."""
        if self.workspace in LANGUAGES:
            return self.workspace
        return language_of(self.installer_locale) if self.installer_locale else None

    def reader_language(self, slack_locale: str | None) -> str | None:
        if self.own in LANGUAGES:
            return self.own
        if slack_locale:
            return language_of(slack_locale)
        return self.channel_language


def language_code(word: str) -> str | None:
    """`ru`, `RU`, `русский`, `polski`, `pl-PL` → the language's code; None for anything else."""
    folded = word.strip().casefold().replace("_", "-")
    if folded in LANGUAGES:
        return folded
    return next((code for code, names in LANGUAGE_NAMES.items() if folded in names), None)

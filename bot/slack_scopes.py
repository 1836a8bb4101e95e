"""Every Slack Web API method the bot calls, and the bot scopes each needs.

`manifest.yml` declares exactly the union of these (plus the features' own scopes), and
tests/unit/test_manifest.py scans the code for Web API calls, so a new call without its scope,
or a scope nothing uses any more, fails the suite.
"""

from __future__ import annotations

SCOPES_BY_METHOD: dict[str, tuple[str, ...]] = {
    # messages in channels and DMs; `.public` lets stall alerts reach a public channel the bot has not joined
    "chat.postMessage": ("chat:write", "chat:write.public"),
    "chat.update": ("chat:write",),  # alerts updated in place after a snooze or an advance
    "files.getUploadURLExternal": ("files:write",),  # charts, step 1 of files_upload_v2
    "files.completeUploadExternal": ("files:write",),  # charts, step 2, shared into the thread
    # is the bot in the digest channel (public or private); is a channel shared with another organisation
    # (`is_ext_shared`: Slack Connect), which then gets no partner data (bot/channel_safety.py)
    "conversations.info": ("channels:read", "groups:read"),
    # leads of `/partner ask`: a person, not a bot, not deactivated; someone typing in a shared channel: from
    # this workspace, or a stranger (`is_stranger`, another `team_id`) who gets no data; each reader's locale
    "users.info": ("users:read",),
    "users.lookupByEmail": ("users:read.email",),  # owners given as e-mails in an imported spreadsheet
    "conversations.open": ("im:write",),  # the requester's DM, where `/partner export` uploads its files
    "files.info": ("files:read",),  # a scorecard YAML uploaded on `/partner scorecard`'s form
    "views.open": (),
    "views.publish": (),
    "auth.test": (),  # bolt, once, to learn the bot's own id
}

SDK_HELPERS: dict[str, tuple[str, ...]] = {
    "files_upload_v2": ("files.getUploadURLExternal", "files.completeUploadExternal"),
}
"""slack_sdk helpers that call several Web API methods."""

FEATURE_SCOPES: dict[str, str] = {"commands": "the /partner slash command"}

BOT_EVENTS: tuple[str, ...] = ("app_home_opened", "app_uninstalled", "tokens_revoked")
"""Bot events the app subscribes to; none of them needs a scope of its own."""


def required_bot_scopes() -> set[str]:
    return {scope for scopes in SCOPES_BY_METHOD.values() for scope in scopes} | set(FEATURE_SCOPES)

"""Reading a file someone uploaded in a form: files.info for where it lives, then its bytes with the bot token."""

from __future__ import annotations

import urllib.request

from slack_sdk import WebClient

from domain.errors import PartnerbotError

DOWNLOAD_TIMEOUT_SECONDS = 2.0
"""A form's ack has three seconds in all."""


def download_file(client: WebClient, file_id: str, *, max_bytes: int) -> tuple[bytes, str]:
    """The file's bytes and name; refused (PartnerbotError) when it is larger than `max_bytes`."""
    info = client.files_info(file=file_id)["file"]
    name = str(info.get("name") or file_id)
    if int(info.get("size") or 0) > max_bytes:
        raise PartnerbotError(f"{name} is too big ({info.get('size')} bytes); keep it under {max_bytes} bytes.")
    url = info.get("url_private_download") or info.get("url_private")
    if not url:
        raise PartnerbotError(f"Slack did not say where {name} can be read; upload it again.")
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {client.token}"})
    with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:
        return response.read(max_bytes + 1), name

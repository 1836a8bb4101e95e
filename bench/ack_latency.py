"""How fast `/partner` is acknowledged, and how fast its reply follows, over real signed HTTP.

    .venv/bin/python bench/ack_latency.py [--requests 200]

Runs the real App behind waitress against the fake Slack Web API from the tests, on loopback.
Slack gives an app 3 s to acknowledge; the target is an ack whose p95 is within 3× the p95 of
GET /healthz (one database round trip) measured in the same run, and under 300 ms outright.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from slack_sdk.signature import SignatureVerifier
from waitress import create_server

from bot.app import build_app
from bot.http import build_wsgi_app
from bot.services import Services
from bot.settings import Settings
from storage.database import create_database_engine
from storage.migrate import upgrade
from tests.e2e.fake_slack import FakeSlack

SECRET = "bench-secret"
TARGET_RATIO = 3.0
TARGET_P95_MS = 300.0


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1e3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    fake = FakeSlack().start()
    url = f"sqlite:///{folder.name}/bench.db"
    settings = Settings(
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_BASE_URL=fake.api_url,
        DATABASE_URL=url,
        _env_file=None,
    )
    engine = create_database_engine(url)
    upgrade(engine)
    wsgi = build_wsgi_app(build_app(Services(settings, engine)), engine, settings)
    server = create_server(wsgi, host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{server.effective_port}"
    signer = SignatureVerifier(SECRET)

    def command(index: int) -> float:
        body = urlencode(
            {
                "team_id": "T1",
                "user_id": "U01BENCH",
                "command": "/partner",
                "text": "list",
                "response_url": fake.response_url(f"r{index}"),
                "trigger_id": "t",
                "channel_id": "C1",
            }
        )
        stamp = str(int(time.time()))
        headers = {
            "X-Slack-Request-Timestamp": stamp,
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Signature": signer.generate_signature(timestamp=stamp, body=body) or "",
        }
        started = time.perf_counter()
        with urllib.request.urlopen(urllib.request.Request(base + "/slack/events", body.encode(), headers)) as answer:
            assert answer.status == 200
        return time.perf_counter() - started

    def health() -> float:
        started = time.perf_counter()
        with urllib.request.urlopen(base + "/healthz") as answer:
            assert answer.status == 200
        return time.perf_counter() - started

    for index in range(20):  # warm-up
        command(10_000 + index), health()
    acks, checks, replies = [], [], []
    for index in range(args.requests):
        checks.append(health())
        started = time.perf_counter()
        acks.append(command(index))
        fake.wait_for(f"/response/r{index}")
        replies.append(time.perf_counter() - started)
    ack_p95, health_p95 = percentile(acks, 0.95), percentile(checks, 0.95)
    print(f"GET /healthz       p50 {statistics.median(checks) * 1e3:6.2f} ms   p95 {health_p95:6.2f} ms")
    print(f"/partner ack       p50 {statistics.median(acks) * 1e3:6.2f} ms   p95 {ack_p95:6.2f} ms")
    print(
        f"/partner reply     p50 {statistics.median(replies) * 1e3:6.2f} ms   p95 {percentile(replies, 0.95):6.2f} ms"
    )
    ratio = ack_p95 / health_p95
    verdict = "PASS" if ratio <= TARGET_RATIO and ack_p95 <= TARGET_P95_MS else "FAIL"
    print(
        f"ack p95 / healthz p95 = {ratio:.2f} (target ≤ {TARGET_RATIO}); "
        f"ack p95 target ≤ {TARGET_P95_MS} ms → {verdict}"
    )
    server.close()
    fake.stop()
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())

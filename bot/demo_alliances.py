"""The demo portfolio's alliance structures: a chain, a platform alliance, their hand-overs and bonuses."""

from __future__ import annotations

CHAIN = "Northern chain"
PLATFORM = "Booking platform"
ON_PLATFORM = f'alliance="{PLATFORM}"'  # its members are also in their own one-member alliances
# (days ago, command), merged into the demo script by date.
DEMO_ALLIANCES: tuple[tuple[int, str], ...] = (
    (34, f'alliance new "{CHAIN}" type=тост members="Вектор Партнёрс, Ромашка, Stark Distribution"'),
    (70, f'alliance new "{PLATFORM}" type="w momencie" members="Żabka Tech, Hooli Cloud"'),
    *((30 - 3 * n, f'handover "Вектор Партнёрс" → Ромашка client="Client {n + 1}" value=8k') for n in range(6)),
    *((26 - 4 * n, f'handover Ромашка → "Stark Distribution" client="Client {n + 1}" waited=6h') for n in range(2)),
    *((60 - 9 * n, f'handover "Żabka Tech" → us client="Group {n}" waited=30h {ON_PLATFORM}') for n in range(4)),
    *((55 - 10 * n, f'handover "Hooli Cloud" → us client="Clinic {n}" waited=20h {ON_PLATFORM}') for n in range(3)),
    *((95 - 5 * n, f'handover Initech → us client="Lead batch {n + 1}"') for n in range(5)),
    (45, 'bonus "Globex Corporation" 3k "Q3 referrals"'),
    (40, 'bonus Initech 1.5k "cold leads, Q3"'),
    (20, 'bonus "Вектор Партнёрс" 2k "chain hand-overs"'),
    (15, 'bonus "Acme Integrations" 4k "renewal share"'),
    (10, 'bonus "Żabka Tech" 1.2k "platform commission"'),
)
DEMO_ALLIANCE_VIEWS: tuple[tuple[str, str], ...] = (
    ("alliances", "alliance list"),
    ("alliance", f'alliance show "{CHAIN}"'),
    ("alliance-type", "alliance type chain"),
    ("matrix", "alliance matrix"),
)

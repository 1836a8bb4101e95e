"""The people and channel caches keep answers a few minutes and never more than their bound."""

from __future__ import annotations

from bot.expiring import ExpiringCache


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_an_answer_is_kept_until_it_expires() -> None:
    clock = Clock()
    cache: ExpiringCache[str, str] = ExpiringCache(300, clock=clock)
    cache.put("U1", "Anna")
    clock.now = 299
    assert cache.get("U1") == (True, "Anna")
    clock.now = 300
    assert cache.get("U1") == (False, None)


def test_a_full_cache_drops_the_expired_answers_first_then_the_oldest() -> None:
    clock = Clock()
    cache: ExpiringCache[str, int] = ExpiringCache(300, clock=clock, max_entries=3)
    cache.put("old", 0)
    clock.now = 200
    cache.put("a", 1)
    cache.put("b", 2)
    clock.now = 350  # "old" has expired, "a" and "b" have not
    cache.put("c", 3)
    assert len(cache) == 3 and cache.get("a") == (True, 1)
    cache.put("d", 4)
    assert len(cache) == 3 and cache.get("a") == (False, None) and cache.get("d") == (True, 4)


def test_ten_thousand_members_looked_up_stay_within_the_bound() -> None:
    cache: ExpiringCache[str, int] = ExpiringCache(300, max_entries=500)
    for number in range(10_000):
        cache.put(f"U{number}", number)
    assert len(cache) == 500 and cache.get("U9999") == (True, 9999)

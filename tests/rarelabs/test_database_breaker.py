"""The database breaker lets one request try after its cool-down, not every request."""

from __future__ import annotations

import time

from rarelabs.breaker import InMemoryBreakerStore
from rarelabs.database_down import ProbingBreaker


def _breaker(reset_after: float = 0.2) -> ProbingBreaker:
    return ProbingBreaker("db", failure_threshold=1, reset_after=reset_after,
                          store=InMemoryBreakerStore())  # fmt: skip


def test_one_failure_opens_it_and_calls_fail_fast_during_the_cool_down() -> None:
    breaker = _breaker()
    assert breaker.allow()
    breaker.record_failure()
    assert not breaker.allow()
    assert not breaker.allow()


def test_after_the_cool_down_one_call_probes_and_the_others_still_fail_fast() -> None:
    """Was: CircuitBreaker lets every call through once reset_after has passed; with a 2 s pool
    timeout each of them would hold a thread again."""
    breaker = _breaker()
    breaker.record_failure()
    time.sleep(0.25)
    assert [breaker.allow() for _ in range(5)] == [True, False, False, False, False]


def test_a_successful_probe_closes_it_and_a_failed_one_reopens_it() -> None:
    breaker = _breaker()
    breaker.record_failure()
    time.sleep(0.25)
    assert breaker.allow()
    breaker.record_failure()
    assert not breaker.allow()
    time.sleep(0.25)
    assert breaker.allow()
    breaker.record_success()
    assert all(breaker.allow() for _ in range(5))

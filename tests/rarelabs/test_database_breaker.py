"""The database breaker lets one request try after its cool-down, not every request."""

from __future__ import annotations

import dataclasses

from rarelabs.breaker import InMemoryBreakerStore
from rarelabs.database_down import ProbingBreaker

# Far longer than any test here takes, however loaded the machine: the circuit stays open until
# a test ends the cool-down itself (_end_cool_down), never because the test ran slowly.
COOL_DOWN = 60.0


def _breaker() -> ProbingBreaker:
    return ProbingBreaker("db", failure_threshold=1, reset_after=COOL_DOWN,
                          store=InMemoryBreakerStore())  # fmt: skip


def _end_cool_down(breaker: ProbingBreaker) -> None:
    """Move the time the circuit opened back by a whole cool-down, as if it had passed."""
    state = breaker.store.get(breaker.name)
    assert state is not None
    assert state.opened_at is not None
    earlier = dataclasses.replace(state, opened_at=state.opened_at - breaker.reset_after)
    breaker.store.set(breaker.name, earlier)


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
    _end_cool_down(breaker)
    assert [breaker.allow() for _ in range(5)] == [True, False, False, False, False]


def test_a_successful_probe_closes_it_and_a_failed_one_reopens_it() -> None:
    breaker = _breaker()
    breaker.record_failure()
    _end_cool_down(breaker)
    assert breaker.allow()
    breaker.record_failure()
    assert not breaker.allow()
    _end_cool_down(breaker)
    assert breaker.allow()
    breaker.record_success()
    assert all(breaker.allow() for _ in range(5))

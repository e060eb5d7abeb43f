"""The PubMed rate limit is shared through Redis: two processes together keep one pace."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid

from ingest.locks import default_redis
from ingest.ratelimit import RedisRateLimiter
from rarelabs.redis_urls import LOCKS_DB, with_db
from tests._shared import REPO

# Each process takes four slots of a 5-per-second limiter and prints when it got them.
_WORKER = """
import json, sys, time
import redis
from ingest.ratelimit import RedisRateLimiter
limiter = RedisRateLimiter(sys.argv[2], 5, client=redis.Redis.from_url(sys.argv[1]))
limiter.client.ping()
time.sleep(max(0.0, float(sys.argv[3]) - time.time()))  # both start together
times = []
for _ in range(4):
    limiter.acquire()
    times.append(time.time())
print(json.dumps(times))
"""


def test_two_processes_share_one_pace(settings):
    url = with_db(settings.REDIS_CLIENT_URL, LOCKS_DB)
    name = f"test-{uuid.uuid4().hex[:8]}"
    start_at = str(time.time() + 5)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, url, name, start_at], cwd=REPO, stdout=subprocess.PIPE
        )
        for _ in range(2)
    ]
    arrivals = sorted(
        t for worker in workers for t in json.loads(worker.communicate(timeout=60)[0])
    )
    assert len(arrivals) == 8
    # Eight slots 1/5 s apart span 1.4 s; two per-process limiters would finish in 0.6 s.
    # (Single gaps are not asserted: a process woken late shortens the gap after it.)
    assert arrivals[-1] - arrivals[0] >= 1.2


def test_the_refresh_client_uses_the_shared_limiter(settings):
    from literature.refresh import pubmed_client

    settings.PUBMED_API_KEY = ""
    limiter = pubmed_client().limiter
    assert isinstance(limiter, RedisRateLimiter)
    assert limiter.interval_ms == 333  # NCBI: three requests a second without a key
    default_redis().delete(limiter.key)
    assert limiter.acquire() == 0

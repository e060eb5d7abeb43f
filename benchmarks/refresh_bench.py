"""Benchmark: a full refresh of 2,000 trials and 5,000 articles, then a rerun with no changes.

The records are built at run time from the real samples in ../shared/data, with synthetic
NCT numbers (NCT9xxxxxxx) and PMIDs (99xxxxxx) and titles starting "[synthetic]", and served
from a local replay server in a child process (so its memory is not counted). The refresh runs
in a scratch database, rarelabs_bench, which is dropped afterwards.

Run: XDG_RUNTIME_DIR=var/run .venv/bin/python benchmarks/refresh_bench.py
Targets: full < 60 s, rerun < 10 s, peak memory < 300 MB. Ends with one line of JSON.
"""

from __future__ import annotations

import copy
import json
import multiprocessing
import os
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DATA = Path(os.environ.get("RARELABS_SHARED_DATA", REPO.parent / "shared" / "data"))
BENCH_DB = "rarelabs_bench"
N_TRIALS, N_ARTICLES = 2000, 5000
TARGETS = {"full_seconds": 60.0, "rerun_seconds": 10.0, "peak_mb": 300.0}


def build_data():  # -> ReplayData (imported late: the child builds it after the fork)
    """Synthetic studies and articles derived from the real samples."""
    from ingest.replay import ReplayData, load_directory

    real = load_directory(DATA)
    data = ReplayData()
    studies = [json.loads(raw) for raw in real.studies.values()]
    for i in range(N_TRIALS):
        study = copy.deepcopy(studies[i % len(studies)])
        ident = study["protocolSection"]["identificationModule"]
        ident["nctId"] = f"NCT9{i:07d}"
        ident["briefTitle"] = f"[synthetic] {ident.get('briefTitle', '')}"
        data.add_study(study)
    articles = list(real.articles.values())
    for i in range(N_ARTICLES):
        article = re.sub(
            rb'<PMID Version="(\d+)">\d+</PMID>',
            f'<PMID Version="1">{99000000 + i}</PMID>'.encode(),
            articles[i % len(articles)],
            count=1,
        ).replace(b"<ArticleTitle>", b"<ArticleTitle>[synthetic] ", 1)
        data.add_efetch(b"<PubmedArticleSet>" + article + b"</PubmedArticleSet>")
    return data


def serve(queue: multiprocessing.Queue, stop: multiprocessing.Event) -> None:
    """Child process: build the data, serve it, report the URLs, wait for stop."""
    from ingest.replay import ReplayServer

    with ReplayServer(build_data()) as server:
        queue.put((server.ctgov_url, server.pubmed_url))
        stop.wait()


def scratch_database() -> None:
    """Create the scratch database and point Django at it (before django.setup)."""
    import psycopg

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")
    from django.conf import settings

    from rarelabs.startup import preflight

    preflight()  # a script is an entry point: settings only describe the embedded servers
    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        host=db["HOST"],
        port=db.get("PORT") or None,
        password=db.get("PASSWORD") or None,
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    db["NAME"] = BENCH_DB


def drop_database() -> None:
    """Drop the scratch database."""
    import psycopg
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    db = settings.DATABASES["default"]
    with psycopg.connect(
        dbname="postgres",
        user=db["USER"],
        host=db["HOST"],
        port=db.get("PORT") or None,
        password=db.get("PASSWORD") or None,
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}"')


def make_condition() -> int:
    """A benchmark condition with a synonym, genes and a therapy (fixture rows, not facts)."""
    import datetime as dt

    from knowledge.models import (
        Condition,
        ConditionGene,
        ConditionSynonym,
        Gene,
        Therapy,
        TherapyLink,
    )

    day = dt.date(2026, 11, 25)
    condition = Condition.objects.create(
        name="Phelan-McDermid syndrome", slug="phelan-mcdermid-syndrome", primary_id="ORPHA:48652"
    )
    ConditionSynonym.objects.create(
        condition=condition, text="22q13 deletion syndrome", source="bench", retrieved_on=day
    )
    for symbol in ("SHANK3", "SENP2"):
        gene = Gene.objects.create(symbol=symbol, source="bench", retrieved_on=day)
        ConditionGene.objects.create(
            condition=condition, gene=gene, source="bench", retrieved_on=day
        )
    therapy = Therapy.objects.create(
        name="Oxytocin",
        slug="oxytocin",
        modality="small_molecule",
        source="bench",
        retrieved_on=day,
    )
    TherapyLink.objects.create(
        therapy=therapy,
        condition=condition,
        condition_name=condition.name,
        status="investigational",
        evidence_level="open_label_study",
        nct_ids=["NCT90000000"],
        source="bench",
        retrieved_on=day,
    )
    return condition.pk


def measure(label: str, condition_id: int, *, full: bool, trace: bool) -> dict[str, Any]:
    """Refresh trials then literature; return the time (or tracemalloc peak) and counts."""
    from literature.refresh import literature_refresh
    from trials.refresh import trials_refresh

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    trials = trials_refresh(condition_id=condition_id, full=full)
    literature = literature_refresh(condition_id=condition_id, full=full)
    seconds = time.perf_counter() - started
    result: dict[str, Any] = {
        "ru_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "trials": f"{trials.status} created={trials.created} updated={trials.updated} "
        f"unchanged={trials.unchanged} failed={trials.failed}",
        "articles": f"{literature.status} created={literature.created} "
        f"updated={literature.updated} unchanged={literature.unchanged} "
        f"failed={literature.failed}",
    }
    if trace:
        result["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
    else:
        result["seconds"] = round(seconds, 2)
    print(f"{label}: {result}", flush=True)
    return result


def forget_records() -> None:
    """Delete the stored trials, publications and runs, so the next refresh is a full one."""
    from ingest.models import RefreshRun
    from literature.models import Publication
    from trials.models import ClinicalTrial

    ClinicalTrial.objects.all().delete()
    Publication.objects.all().delete()
    RefreshRun.objects.all().delete()


def main() -> None:
    """Run the benchmark and print the figures, ending with one JSON line."""
    # Timings swing with other work on the machine: the load averages go into the figures.
    load_before = [round(x, 2) for x in os.getloadavg()]
    ctx = multiprocessing.get_context("fork")
    queue, stop = ctx.Queue(), ctx.Event()
    child = ctx.Process(target=serve, args=(queue, stop), daemon=True)
    child.start()
    ctgov_url, pubmed_url = queue.get(timeout=120)

    scratch_database()
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.CTGOV_API_URL, settings.PUBMED_EUTILS_URL = ctgov_url, pubmed_url
    settings.PUBMED_EMAIL = "bench@localhost"
    try:
        call_command("migrate", verbosity=0)
        condition_id = make_condition()
        # Timed passes run without tracemalloc, which slows allocation-heavy parsing severalfold.
        full = measure("full refresh (timed)", condition_id, full=True, trace=False)
        rerun = measure("rerun, nothing changed (timed)", condition_id, full=False, trace=False)
        forget_records()
        full.update(measure("full refresh (traced)", condition_id, full=True, trace=True))
        rerun.update(measure("rerun (traced)", condition_id, full=False, trace=True))
    finally:
        stop.set()
        child.join(10)
        drop_database()
    peak_mb = max(full["ru_maxrss_mb"], rerun["ru_maxrss_mb"])
    traced_mb = max(full["tracemalloc_peak_mb"], rerun["tracemalloc_peak_mb"])
    figures = {
        "trials": N_TRIALS,
        "articles": N_ARTICLES,
        "full": full,
        "rerun": rerun,
        "full_over_target": round(full["seconds"] / TARGETS["full_seconds"], 3),
        "rerun_over_target": round(rerun["seconds"] / TARGETS["rerun_seconds"], 3),
        "peak_over_target": round(peak_mb / TARGETS["peak_mb"], 3),
        "traced_peak_over_target": round(traced_mb / TARGETS["peak_mb"], 3),
        "rerun_over_full": round(rerun["seconds"] / full["seconds"], 3),
        "load_average_before": load_before,
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "meets_targets": full["seconds"] < TARGETS["full_seconds"]
        and rerun["seconds"] < TARGETS["rerun_seconds"]
        and peak_mb < TARGETS["peak_mb"],
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

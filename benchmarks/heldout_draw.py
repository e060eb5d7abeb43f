"""Draw the conditions for a held-out set of family descriptions (issue 17, task H16).

Run: PYTHONPATH=$PWD XDG_RUNTIME_DIR=var/run nice -n 19 .venv/bin/python \
        benchmarks/heldout_draw.py --seed 16 [--common] [--show 40]
Reads the loaded knowledge base (read only) and ranks nothing. The pool is every Orphanet
disorder (not a group) with seven or more signs at 30 % or more (ConditionPhenotype frequency)
whose ORPHA code, and every OMIM entry mapped to it, is judged nowhere yet (any split of
judged_queries.json, judged_descriptions_heldout.json or a tuning draw). `--common` keeps
only the conditions families are likeliest to have: a point prevalence class of 1-9 / 100 000
or more (a GARD entry would not narrow it: 4,057 of the 4,170 conditions with seven signs have
one). The pool is sorted by ORPHA code and shuffled with `--seed`; the first `--show` are
printed in draw order with their signs at 30 % or more, so a writer can keep, in that order,
those whose signs parents could name (and skip those whose signs are only lab or imaging
findings). `--exclude` leaves out codes already kept from another draw; `--ignore-split` treats
a split as not yet written (to reproduce a draw after its set was committed). `--min-signs N`
(default 7, so every draw above and below reproduces unchanged) lowers the seven signs at 30 % or
more to N, to widen a spent `--common` pool. Unjudged common pools on 2026-12-06 before tuning26
and heldout27 (2025-12 knowledge base): 31 at 7 signs, 52 at 6, 74 at 5, 85 at 4, 98 at 3; none
reaches 120, and three is the fewest a description of three signs can use, so tuning26 and
heldout27 drew with `--common --min-signs 3`.

The heldout16 draws (judged_descriptions_heldout.json):
    heldout_draw.py --seed 16 --show 45 --ignore-split heldout16
    heldout_draw.py --seed 160 --common --show 50 --ignore-split heldout16 \
        --exclude ORPHA:<code> (once for each of the 25 kept from seed 16)
The tuning17 draws (judged_descriptions_tuning17.json, a TUNING set drawn the same way):
    heldout_draw.py --seed 17 --show 50 --ignore-split tuning17 --ignore-split tuning18
    heldout_draw.py --seed 170 --common --show 50 --ignore-split tuning17 --ignore-split tuning18 \
        --exclude ORPHA:<code> (once for each of the 30 kept from seed 17)
Each draw's "expected" holds the OMIM entries the knowledge base maps exactly (E) or as NTBT; the
judged items take the ORPHApacket's own E and NTBT entries (some NTBT entries are stored as
conditions of their own). A draw reproduces only when every set written after it is ignored
too (heldout16: `--ignore-split tuning17 --ignore-split tuning18`; tuning17 and tuning18 were
drawn in parallel, each before the other existed: ignore both).

The tuning18 draws (judged_descriptions_tuning18.json, a TUNING set drawn the same way):
    heldout_draw.py --seed 18 --show 34 --ignore-split tuning18 --ignore-split tuning17
    heldout_draw.py --seed 180 --common --show 30 --ignore-split tuning18 --ignore-split tuning17 \
        --exclude ORPHA:<code> (once for each of the 20 kept from seed 18)

The tuning19 draws (judged_descriptions_tuning19.json, a TUNING set drawn the same way after
heldout16, tuning17 and tuning18 existed, so it ignores only itself):
    heldout_draw.py --seed 19 --show 40 --ignore-split tuning19
    heldout_draw.py --seed 190 --common --show 32 --ignore-split tuning19 \
        --exclude ORPHA:<code> (once for each of the 20 kept from seed 19)

The heldout22 draws (judged_descriptions_heldout.json, split heldout22, drawn while a tuning set
was drawn with seeds 22 and 220; every condition those draws could print was skipped, see the
file's "about"):
    heldout_draw.py --seed 23 --show 45 --ignore-split heldout22 --ignore-split tuning22
    heldout_draw.py --seed 230 --common --show 149 --ignore-split heldout22 \
        --ignore-split tuning22 --exclude ORPHA:<code> (once for each of the 25 kept from seed 23)

The tuning22 draws (judged_descriptions_tuning22.json, a TUNING set drawn the same way after
tuning19 existed; heldout22 was drawn at the same time, so both ignore
both splits to reproduce):
    heldout_draw.py --seed 22 --show 40 --ignore-split tuning22 --ignore-split heldout22
    heldout_draw.py --seed 220 --common --show 32 --ignore-split tuning22 \
        --ignore-split heldout22 --exclude ORPHA:<code> (once for each of the 20 kept from seed 22)

The heldout24 draws (judged_descriptions_heldout.json, split heldout24, drawn while a tuning set
was drawn with seeds 24 and 240; every condition in --seed 24 --show 45 and in --seed 240
--common --show 45, with and without --exclude ORPHA:95715, was skipped, see the file's "about"):
    heldout_draw.py --seed 25 --show 35 --ignore-split heldout24
    heldout_draw.py --seed 250 --common --show 81 --ignore-split heldout24 \
        --exclude ORPHA:<code> (once for each of the 25 kept from seed 25)
(add --ignore-split tuning24 to reproduce; tuning24 was drawn at the same time)

The tuning24 draws (judged_descriptions_tuning24.json, a TUNING set drawn the same way after
tuning22 and heldout22 existed; a held-out set was drawn at the same time with seeds 25 and 250,
every condition `--seed 25 --show 45` or `--seed 250 --common --show 45` printed was skipped, and
both draws need --ignore-split heldout24 as well to reproduce):
    heldout_draw.py --seed 24 --show 45 --ignore-split tuning24
    heldout_draw.py --seed 240 --common --show 63 --ignore-split tuning24 \
        --exclude ORPHA:<code> (once for each of the 20 kept from seed 24)

The tuning25 draw (judged_descriptions_tuning25.json, a TUNING set drawn the same way after
tuning24 and heldout24 existed; a held-out set was drawn at the same time with seeds 27 and 270,
and every condition `--seed 27 --show 45` or `--seed 270 --common --show 60` printed was skipped.
The common pool is down to 56, all of which that second draw prints, so all 40 come from seed 26
and no `--seed 260 --common` half was kept; see the file's "about"):
    heldout_draw.py --seed 26 --show 65 --ignore-split tuning25
(add --ignore-split heldout26 to reproduce; heldout26 was drawn at the same time)

The heldout26 draws (judged_descriptions_heldout.json, split heldout26, drawn while tuning25 was
drawn with seed 26, which skipped every condition these two draws print):
    heldout_draw.py --seed 27 --show 45 --ignore-split heldout26 --ignore-split tuning25
    heldout_draw.py --seed 270 --common --show 60 --ignore-split heldout26 \
        --ignore-split tuning25 --exclude ORPHA:<code> (once for each of the 25 kept from seed 27)

The tuning26 draws (judged_descriptions_tuning26.json, a TUNING set drawn after tuning25 and
heldout26 existed; a held-out set was drawn at the same time with seeds 29 and 290, and every
condition `--seed 29 --show 45` or `--seed 290 --common --min-signs 3 --show 60` printed was
skipped; the common half takes three or more signs, see the file's "about"):
    heldout_draw.py --seed 28 --show 60 --ignore-split tuning26 --ignore-split heldout27
    heldout_draw.py --seed 280 --common --min-signs 3 --show 98 --ignore-split tuning26 \
        --ignore-split heldout27
(no --exclude: none of the 20 kept from seed 28 is common)

The heldout27 draws (judged_descriptions_heldout.json, split heldout27, drawn while tuning26 was
drawn with seeds 28 and 280, which skipped every condition these two draws print):
    heldout_draw.py --seed 29 --show 45 --ignore-split heldout27 --ignore-split tuning26
    heldout_draw.py --seed 290 --common --min-signs 3 --show 60 --ignore-split heldout27 \
        --ignore-split tuning26
(no --exclude: the only common condition seed 29 prints, juvenile glaucoma, was skipped)

`--unknown-headline` (T27) draws the conditions every `--common` half missed: the headline
class (Condition.prevalence, Orphanet's point prevalence, worldwide first) is "Unknown", "Not
yet documented" or none, while a point prevalence or prevalence at birth statement
(Condition.prevalence_statements) gives 1-9 / 100 000 or more (achondroplasia, 22q11.2 deletion
syndrome). It prints the unjudged pool at 7 / 5 / 4 / 3 signs; on 2026-12-06 after tuning26 and
heldout27: 83 / 90 / 100 / 104. Every draw above reproduces with `--ignore-split unknown27` added.
The unknown27 draw (judged_descriptions_tuning27.json, a TUNING set; 40 kept of the first 51):
    heldout_draw.py --seed 31 --unknown-headline --show 83 --ignore-split unknown27

`--commoner` (E28) draws both commoner pools, `--common` and `--unknown-headline` (they never
share a condition), in one shuffle, so each gives its share of a draw by its size; each printed
row says its "pool". Combined unjudged pool on 2026-12-06 before tuning28: 70 / 89 / 103 / 117 at
7 / 5 / 4 / 3 signs (common 27 / 39 / 43 / 53, unknown-headline 43 / 50 / 60 / 64); after it, 96
at 3 signs (common 47, unknown-headline 49). Every draw above reproduces with
`--ignore-split tuning28` added. The tuning28 draws (judged_descriptions_tuning28.json, a TUNING
set, confirmation only in E28; kept seed 32 draws 1-20 and 20 of the first 53 of seed 320):
    heldout_draw.py --seed 32 --show 40 --ignore-split tuning28
    heldout_draw.py --seed 320 --commoner --min-signs 3 --show 117 --ignore-split tuning28 \
        --exclude ORPHA:<code> (once for each of the 20 kept from seed 32)

The tuning31 draws (judged_descriptions_tuning31.json, a TUNING set drawn after tuning28 existed;
kept seed 33 draws 1-24 and 24 of seed 330's whole pool of 89, see the file's "about"):
    heldout_draw.py --seed 33 --show 45 --ignore-split tuning31
    heldout_draw.py --seed 330 --commoner --min-signs 3 --show 96 --ignore-split tuning31 \
        --exclude ORPHA:<code> (once for each of the 24 kept from seed 33)
Every draw above reproduces with `--ignore-split tuning31` added.

The tuning32 draws (judged_descriptions_tuning32.json, a TUNING set drawn after tuning31 existed;
kept seed 3201 draws 1-17, 19-22 and 24-31 and 11 of the commoner pool of 64, see the file's
"about"; the commoner pool holds no more with three signs a parent names):
    heldout_draw.py --seed 3201 --show 40 --ignore-split tuning32
    heldout_draw.py --seed 3201 --commoner --min-signs 3 --show 200 --ignore-split tuning32 \
        --exclude ORPHA:<code> (once for each of seed 3201 draws 1-17 and 19-21)
Every draw above reproduces with `--ignore-split tuning32` added.
The tuning33 draws (judged_descriptions_tuning33.json, a TUNING set drawn after tuning31 existed;
kept seed 3301 draws 2-7 and 9-22 and 20 of the commoner draw's whole pool of 64, see the file's
"about"):
    heldout_draw.py --seed 3301 --show 32 --ignore-split tuning33
    heldout_draw.py --seed 3301 --commoner --min-signs 3 --show 100 --ignore-split tuning33 \
        --exclude ORPHA:<code> (once for each of the 20 kept from the first)
Every draw above reproduces with `--ignore-split tuning33` added.
tuning32 and tuning33 were drawn the same hour by two writers, each blind to the other: both
took from the commoner pool, so they share 15 judged ids (about ten conditions), worded apart.

The tuning34 draws (judged_descriptions_tuning34.json, a TUNING set drawn after tuning33 existed;
kept seed 3401 draws 1-5, 8, 9, 13, 15-19, 21-36 and 38-43 and 5 of the commoner draw's whole
pool of 43; the commoner pools hold no more with three signs a family names, see the file's
"about"):
    heldout_draw.py --seed 3401 --show 48 --ignore-split tuning34
    heldout_draw.py --seed 3401 --commoner --min-signs 3 --show 200 --ignore-split tuning34 \
        --exclude ORPHA:<code> (once for each of the first 20 kept from the first)
Every draw above reproduces with `--ignore-split tuning34` added.

tuning34 and tuning35 were drawn the same hour by two writers, each blind to the other; they
share 3 judged ids. With both files present, pass `--ignore-split` for each to reprint either.
The tuning35 draws (judged_descriptions_tuning35.json, a TUNING set drawn after tuning33 existed;
kept seed 3501 draws 1-23, 25, 26, 28-31, 33-35 and 37 and 7 of the commoner draw's whole pool
of 43, which holds no more with three signs a family names; see the file's "about"):
    heldout_draw.py --seed 3501 --show 42 --ignore-split tuning35
    heldout_draw.py --seed 3501 --commoner --min-signs 3 --show 200 --ignore-split tuning35 \
        --exclude ORPHA:<code> (once for each of the first 20 kept from the first)
Every draw above reproduces with `--ignore-split tuning35` added.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

HERE = Path(__file__).resolve().parent
# Every file whose conditions a new draw must avoid, tuning draws included (a held-out draw
# sharing a condition with a tuning set would not be held out).
JUDGED_FILES = (
    HERE / "judged_queries.json",
    HERE / "judged_descriptions_heldout.json",
    HERE / "judged_descriptions_tuning17.json",
    HERE / "judged_descriptions_tuning18.json",
    HERE / "judged_descriptions_tuning19.json",
    HERE / "judged_descriptions_tuning22.json",
    HERE / "judged_descriptions_tuning24.json",
    HERE / "judged_descriptions_tuning25.json",
    HERE / "judged_descriptions_tuning26.json",
    HERE / "judged_descriptions_tuning27.json",
    HERE / "judged_descriptions_tuning28.json",
    HERE / "judged_descriptions_tuning31.json",
    HERE / "judged_descriptions_tuning32.json",
    HERE / "judged_descriptions_tuning33.json",
    HERE / "judged_descriptions_tuning34.json",
    HERE / "judged_descriptions_tuning35.json",
)
MIN_SIGNS = 7
MIN_FREQUENCY = 0.3
# Orphanet's prevalence classes from 1-9 / 100 000 up.
COMMON_CLASSES = {"1-9 / 100 000", "1-5 / 10 000", "6-9 / 10 000", ">1 / 1000"}
# A headline (Condition.prevalence) that gives no class, and the statements whose class the
# `--unknown-headline` pool reads instead (T27).
UNKNOWN_HEADLINES = ("", "Unknown", "Not yet documented")
KNOWN_STATEMENT_TYPES = ("Point prevalence", "Prevalence at birth")


def judged_ids(ignored_splits: list[str]) -> set[str]:
    """Every id any judged item expects, in every split of every file but `ignored_splits`."""
    ids: set[str] = set()
    for path in JUDGED_FILES:
        for item in json.loads(path.read_text(encoding="utf-8"))["queries"]:
            if item.get("split") not in ignored_splits:
                ids.update(item["expected"])
    return ids


def _common_q():
    from django.db.models import Q

    return Q(prevalence__in=COMMON_CLASSES, prevalence_source__contains="Point prevalence")


def _unknown_headline_q():
    from django.db.models import Q

    known = Q()
    for kind in KNOWN_STATEMENT_TYPES:
        for klass in COMMON_CLASSES:
            known |= Q(prevalence_statements__contains=[{"type": kind, "class": klass}])
    return known & Q(prevalence__in=UNKNOWN_HEADLINES)


def candidate_pool(
    min_signs: int = MIN_SIGNS, common: bool = False, unknown_headline=False, commoner=False
):
    """Orphanet disorders (not groups) with `min_signs` or more signs at 30 % or more; with
    `common`, only those of a point prevalence class of 1-9 / 100 000 or more; with
    `unknown_headline`, only those whose headline class is "Unknown" (or none) while a point
    prevalence or prevalence at birth statement gives 1-9 / 100 000 or more; with `commoner`,
    those of either pool (the two never share a condition: their headlines differ)."""
    from django.db.models import Count, Q

    from knowledge.models import Condition

    pool = (
        Condition.objects.filter(primary_id__startswith="ORPHA:", is_group=False)
        .annotate(signs=Count("phenotypes", filter=Q(phenotypes__frequency__gte=MIN_FREQUENCY)))
        .filter(signs__gte=min_signs)
        .prefetch_related("identifiers")
    )
    if common:
        pool = pool.filter(_common_q())
    if unknown_headline:
        pool = pool.filter(_unknown_headline_q())
    if commoner:
        pool = pool.filter(_common_q() | _unknown_headline_q())
    return pool


def commoner_pool_name(condition) -> str:
    """Which `--commoner` pool a condition came from: a known headline class is `--common`'s."""
    return "common" if condition.prevalence in COMMON_CLASSES else "unknown-headline"


def _codes(condition) -> list[str]:
    """The condition's ORPHA code and every OMIM entry mapped to it (any mapping)."""
    omim = (f"OMIM:{i.value}" for i in condition.identifiers.all() if i.scheme == "OMIM")
    return [condition.primary_id, *omim]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--common", action="store_true")
    parser.add_argument("--show", type=int, default=40)
    # Fewer signs widen the pool once the commoner conditions with seven are spent (T26).
    parser.add_argument("--min-signs", type=int, default=MIN_SIGNS)
    # Commoner conditions the --common half never drew: headline "Unknown", a statement known.
    parser.add_argument("--unknown-headline", action="store_true")
    # Both commoner pools in one shuffle, so each gives its share of the draw by its size (E28).
    parser.add_argument("--commoner", action="store_true")
    parser.add_argument("--exclude", action="append", default=[])
    parser.add_argument("--ignore-split", action="append", default=[])
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()

    from rarelabs.startup import preflight

    preflight()
    import django

    django.setup()

    judged = judged_ids(args.ignore_split) | set(args.exclude)
    drawn = []
    if args.unknown_headline:
        for signs in (7, 5, 4, 3):
            size = sum(
                judged.isdisjoint(_codes(condition))
                for condition in candidate_pool(signs, args.common, unknown_headline=True)
            )
            print(f"unknown-headline pool at {signs} signs: {size}", file=sys.stderr)
    for condition in candidate_pool(
        args.min_signs, args.common, args.unknown_headline, args.commoner
    ):
        mapped = [i for i in condition.identifiers.all() if i.scheme == "OMIM"]
        # Judged by Orphanet's own mappings (exact or narrower-to-broader), not GARD's
        # "Exact (GARD)"; a condition is new only when no OMIM entry of it is judged either.
        omim = [f"OMIM:{i.value}" for i in mapped if i.mapping.startswith(("E (", "NTBT"))]
        if judged.isdisjoint(_codes(condition)):
            drawn.append((condition, omim))
    drawn.sort(key=lambda row: int(row[0].primary_id.removeprefix("ORPHA:")))
    print(f"pool: {len(drawn)} conditions", file=sys.stderr)
    if args.commoner:
        sizes = Counter(commoner_pool_name(condition) for condition, _ in drawn)
        print(f"of which common: {sizes['common']}, unknown-headline: "
              f"{sizes['unknown-headline']}", file=sys.stderr)  # fmt: skip
    random.Random(args.seed).shuffle(drawn)
    for condition, omim in drawn[: args.show]:
        signs = (
            condition.phenotypes.filter(frequency__gte=MIN_FREQUENCY)
            .select_related("phenotype")
            .order_by("-frequency", "phenotype__name")
        )
        # A subtype also counts the disease Orphanet classifies it under.
        diseases = []
        if "subtype" in condition.disorder_type:
            diseases = [
                link.parent.primary_id
                for link in condition.parent_links.select_related("parent")
                if link.relation == "classification" and not link.parent.is_group
            ]
        row = {
            "expected": [condition.primary_id, *omim, *diseases],
            "condition": condition.name,
            "type": condition.disorder_type,
            "prevalence": condition.prevalence,
            "signs": [f"{s.phenotype.name} ({s.frequency_label})" for s in signs],
        }
        if args.commoner:
            row["pool"] = commoner_pool_name(condition)
        print(json.dumps(row))


if __name__ == "__main__":
    main()

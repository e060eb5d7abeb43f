"""A stored ClinVar variant typed as a report prints its place: is its own record first, and does
the notice say it is held?

In a scratch copy of the database, the ClinVar files of the shared data folder are imported
(`import_clinvar`, the running code's importer) and the variant documents rebuilt; then, for a
seeded sample of variants, each form ClinVar itself prints for the variant's GRCh38 place is
searched through the API:
- the tabular exports: the Canonical SPDI column, and for a one-base change the GRCh38
  position with its alleles as labs and gnomAD print it ("chr5:70942813 G>A", "5-70942813-G-A");
- the VCV XML: CanonicalSPDI, the GRCh38 positionVCF / referenceAlleleVCF / alternateAlleleVCF
  in both forms, and its GRCh38 g. expressions.
Guards: the same position with another base (no stored variant has it) must keep the "not
held" notice. Prints counts per form and one line of JSON.

Run: XDG_RUNTIME_DIR=var/run PYTHONPATH=$PWD nice -n 19 .venv/bin/python \
    benchmarks/variant_places.py --data /work/shared/data [--sample 150]
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import os
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# Every query goes through the API from one address: the anonymous throttle is not measured.
os.environ["API_ANON_RATE"] = "1000000/minute"

from benchmarks.scratch import use_scratch_copy  # noqa: E402

use_scratch_copy("rarelabs_bench_places")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from kbimport.importers.clinvar import import_clinvar  # noqa: E402
from kbimport.importers.common import search_signals_suspended  # noqa: E402
from search.indexer import rebuild  # noqa: E402

TABULAR = ("clinvar/clinvar_result_2020_pathogenic_rare_genes_subset.txt",
           "clinvar/clinvar_result_ALPL.txt")  # fmt: skip
VCV = ("clinvar/clinvar_vcv_first_ten_records_2024-05-02.xml",
       "clinvar/clinvar_vcv_records_with_hpo_2024-05-02.xml")  # fmt: skip
BASES = "ACGT"


def _tabular(path: Path, held: set[str]) -> dict[int, list[tuple[str, str]]]:
    forms: dict[int, list[tuple[str, str]]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            spdi, vid = row.get("Canonical SPDI", ""), row.get("VariationID", "")
            if not spdi or not vid.isdigit():
                continue
            found = [("spdi", spdi)]
            _seq, _pos, ref, alt = spdi.split(":")
            chrom, place = row["GRCh38Chromosome"], row["GRCh38Location"]
            if len(ref) == len(alt) == 1 and place.isdigit():
                found += [("position", f"chr{chrom}:{place} {ref}>{alt}"),
                          ("gnomad", f"{chrom}-{place}-{ref}-{alt}")]  # fmt: skip
                # The same place with a base no file holds a variant for: not held.
                other = [f"chr{chrom}:{place} {ref}>{b}" for b in BASES if b not in (ref, alt)]
                guard = next((g for g in other if g not in held), None)
                if guard is not None:
                    found.append(("guard", guard))
            forms[int(vid)] = found
    return forms


def _held(paths: list[Path]) -> set[str]:
    """Every one-base change the tabular files hold, as "chr5:70942813 G>A"."""
    held = set()
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                parts = row.get("Canonical SPDI", "").split(":")
                if len(parts) == 4 and len(parts[2]) == len(parts[3]) == 1:
                    held.add(f"chr{row['GRCh38Chromosome']}:{row['GRCh38Location']} "
                             f"{parts[2]}>{parts[3]}")  # fmt: skip
    return held


def _vcv(path: Path) -> dict[int, list[tuple[str, str]]]:
    forms: dict[int, list[tuple[str, str]]] = {}
    text = path.read_text(encoding="utf-8")
    for record in re.findall(r"<VariationArchive .*?</VariationArchive>", text, re.S):
        spdi = re.search(r"<CanonicalSPDI>([^<]*)", record)
        vcf = re.search(
            r'Assembly="GRCh38"[^>]*Chr="(\w+)"[^>]*positionVCF="(\d+)" '
            r'referenceAlleleVCF="(\w+)" alternateAlleleVCF="(\w+)"',
            record,
        )
        if spdi is None or vcf is None:
            continue
        chrom, pos, ref, alt = vcf.groups()
        grch38 = spdi[1].split(":")[0] + ":"
        found = [("spdi", spdi[1]), ("position", f"chr{chrom}:{pos} {ref}>{alt}"),
                 ("gnomad", f"{chrom}-{pos}-{ref}-{alt}")]  # fmt: skip
        found += [
            ("g", html.unescape(g))
            for g in re.findall(r"<Expression>(NC_0000\d\d\.\d+:g\.[^<]*)", record)
            if g.startswith(grch38)
        ]
        forms[int(re.search(r'VariationID="(\d+)"', record)[1])] = found
    return forms


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder")
    parser.add_argument("--sample", type=int, default=150, help="tabular variants, seeded")
    args = parser.parse_args()
    with connection.cursor() as cursor:
        # Only in the scratch copy: a code without the SPDI field can still import (it stores "").
        cursor.execute(
            "DO $$ BEGIN ALTER TABLE knowledge_variant ALTER COLUMN spdi SET DEFAULT ''; "
            "EXCEPTION WHEN undefined_column THEN NULL; END $$"
        )
    with search_signals_suspended():
        for relative in (*TABULAR, *VCV):
            import_clinvar(path=args.data / relative)
    # The whole index, as an install's import does (a rebuild of the variants alone adds to the
    # word counts and left main's code answering nothing for the keys it holds).
    rebuild(progress=False)
    held = _held([args.data / relative for relative in TABULAR])
    tabular: dict[int, list[tuple[str, str]]] = {}
    for relative in TABULAR:
        tabular.update(_tabular(args.data / relative, held))
    picked = random.Random(32).sample(sorted(tabular), min(args.sample, len(tabular)))
    cases = {vid: tabular[vid] for vid in picked}
    for relative in VCV:
        cases.update(_vcv(args.data / relative))
    client = Client(REMOTE_ADDR="10.32.0.1")
    tally: Counter[str] = Counter()
    for vid, forms in cases.items():
        curie = f"VCV{vid:09d}"
        for form, query in forms:
            body = client.get("/api/v1/search/", {"q": query}).json()
            first = body["results"][0]["id"] if body["results"] else ""
            notice = body.get("identifier") or {}
            tally[f"{form} n"] += 1
            if form == "guard":
                tally[f"{form} kept the notice"] += notice.get("found") is False and first != curie
                continue
            tally[f"{form} first"] += first == curie
            tally[f"{form} said held"] += bool(notice.get("found")) and first == curie
    for key in sorted(tally):
        print(f"  {key}: {tally[key]}")
    print(json.dumps({"variant_places": dict(sorted(tally.items())), "variants": len(cases)}))


if __name__ == "__main__":
    main()

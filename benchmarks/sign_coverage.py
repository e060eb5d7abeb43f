"""How many of the frequent signs a parent could notice have words a parent would use.

Run: XDG_RUNTIME_DIR=var/run PYTHONPATH=. nice -n 19 .venv/bin/python benchmarks/sign_coverage.py
        [--everyday FILE] [--show 200] [--common | --lift]

Counts the (condition, sign) pairs of Orphanet disorders (not groups) whose sign is annotated at
>= 30 % (`ConditionPhenotype.frequency`) and is one a parent could notice, and the share of
those pairs whose sign has a layperson synonym in HPO or a row of the everyday file
(`treatments/data/everyday_signs.tsv`, or `--everyday FILE` to measure another version of it).
Reported for every disorder and for the commoner ones (a point prevalence class of
1-9 / 100 000 or more, as `heldout_draw.py --common`). Then lists the uncovered signs by the
number of disorders listing them (`--common` orders by the commoner disorders).

Per disorder (the long tail, W22): for each disorder of heldout_draw.py's pool (not a group,
seven or more signs at >= 30 %; judged ones kept), how many of its noticeable frequent signs
have parents' words, and the share of disorders with at least `LINE` of them (a description
names three to six signs), over every disorder and over the commoner ones; also by
description_ceiling.py's looser notion (any frequent sign with words, noticeable or not).
`--lift` orders the uncovered list by how far the sign would lift disorders toward that line:
each disorder below it that lists the sign adds 1 / (LINE - its covered signs), so a sign that
lifts a disorder from three to four counts 1, from two to three 1/2.

"Could notice" is decided by the HPO branch: under Phenotypic abnormality (HP:0000118), but
not under a branch of lab, imaging, histology or internal-organ findings (`HIDDEN_BRANCHES`),
and not named as a measurement or a test ("... level", "... concentration", "... on imaging",
"EEG", "... morphology" of an internal structure: `HIDDEN_NAME`). Read-only.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rarelabs.settings")

from heldout_draw import COMMON_CLASSES, MIN_FREQUENCY, MIN_SIGNS  # noqa: E402

SIGNS_ROOT = "HP:0000118"  # Phenotypic abnormality
# Branches of findings a test, a scan or a biopsy makes, or of internal organs' shape.
HIDDEN_BRANCHES = {
    "HP:0001939": "Abnormality of metabolism/homeostasis",
    "HP:0001871": "Abnormality of blood and blood-forming tissues",
    "HP:0025354": "Abnormal cellular phenotype",
    "HP:0002011": "Morphological central nervous system abnormality",
    "HP:0001311": "Abnormal nervous system electrophysiology",
    "HP:0030680": "Abnormal cardiovascular system morphology",
    "HP:0012210": "Abnormal renal morphology",
    "HP:0012211": "Abnormal renal physiology",
    "HP:0002088": "Abnormal lung morphology",
    "HP:0001392": "Abnormality of the liver",
    "HP:0001743": "Abnormality of the spleen",
    "HP:0000359": "Abnormality of the inner ear",
    "HP:0000479": "Abnormal retinal morphology",
    "HP:0000587": "Abnormal optic nerve morphology",
    "HP:0002715": "Abnormality of the immune system",
    "HP:0000818": "Abnormality of the endocrine system",
    "HP:0003457": "EMG abnormality",
    "HP:0001626": "Abnormality of the cardiovascular system",
    "HP:0000008": "Abnormal morphology of female internal genitalia",
    "HP:0000069": "Abnormality of the ureter",
    "HP:0012718": "Morphological abnormality of the gastrointestinal tract",
}
# Branches inside a hidden one that a parent sees or is told in plain words.
NOTICED_BRANCHES = {
    "HP:0001892": "Abnormal bleeding",
    "HP:0000978": "Bruising susceptibility",
    "HP:0002719": "Recurrent infections",
    "HP:0002240": "Hepatomegaly",
    "HP:0001744": "Splenomegaly",
    "HP:0000952": "Jaundice",
    "HP:0000823": "Delayed puberty",
    "HP:0000826": "Precocious puberty",
    "HP:0001962": "Palpitations",
    "HP:0030880": "Raynaud phenomenon",
    "HP:0000969": "Edema",
    "HP:0001649": "Tachycardia",
    "HP:0002021": "Pyloric stenosis",
}
# Signs a family description names: a disorder with fewer nameable signs cannot be described.
LINE = 4
HIDDEN_NAME = re.compile(
    r"\blevel\b|\blevels\b|concentration|on imaging|\bEEG\b|electro|histolog|biopsy|"
    r"\bfibers?\b|\bcells?\b|\bdensity\b|ossification|metaphys|epiphys|diaphys|vertebra|"
    r"cortical|\bcortex\b|white matter|\bventric|\bcerebr|cerebell|\bbrain\b|\bactivity\b|"
    r"\bdeficiency\b|excretion|aciduria|uria$|emia$|\bserum\b|plasma|\bcount\b|\bratio\b|"
    r"vacuol|myelin|gliosis|opacification|endomysial|acantholysis|onion bulb|parakeratosis|"
    r"villous|cisterna|fatty replacement|dysostosis|acetabul|femoral|odontoid|^coxa|pelvis|"
    r"visceral|ovar|^abnormality of the (genitourinary|respiratory) system$",
    re.IGNORECASE,
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--everyday", type=Path, default=None)
    parser.add_argument("--show", type=int, default=40)
    order_by = parser.add_mutually_exclusive_group()
    order_by.add_argument("--common", action="store_true", help="order by commoner disorders")
    order_by.add_argument("--lift", action="store_true", help="order by disorders lifted")
    args = parser.parse_args()

    from rarelabs.startup import preflight

    preflight()
    import django

    django.setup()
    from knowledge.models import ConditionPhenotype, Phenotype, PhenotypeSynonym
    from treatments.describe.lexicon import EVERYDAY_FILE, everyday_phrases

    terms = dict(Phenotype.objects.filter(is_obsolete=False).values_list("pk", "hpo_id"))
    names = dict(Phenotype.objects.values_list("pk", "name"))
    children: dict[int, list[int]] = defaultdict(list)
    links = Phenotype.parents.through.objects.values_list("from_phenotype_id", "to_phenotype_id")
    for child, parent in links.iterator(chunk_size=10000):
        children[parent].append(child)
    pk_of = {hpo_id: pk for pk, hpo_id in terms.items()}

    def under(roots) -> set[int]:
        seen, todo = set(), [pk_of[r] for r in roots if r in pk_of]
        while todo:
            pk = todo.pop()
            if pk not in seen:
                seen.add(pk)
                todo.extend(children[pk])
        return seen

    hidden = under(HIDDEN_BRANCHES) - under(NOTICED_BRANCHES)
    noticeable = {pk for pk in under([SIGNS_ROOT]) - hidden if not HIDDEN_NAME.search(names[pk])}

    everyday = {row.hpo_id for row in everyday_phrases(args.everyday or EVERYDAY_FILE)}
    layperson = set(
        PhenotypeSynonym.objects.filter(is_layperson=True).values_list("phenotype_id", flat=True)
    )
    covered = layperson | {pk_of[h] for h in everyday if h in pk_of}

    pairs = ConditionPhenotype.objects.filter(
        condition__primary_id__startswith="ORPHA:",
        condition__is_group=False,
        frequency__gte=MIN_FREQUENCY,
    ).values_list(
        "condition_id", "phenotype_id", "condition__prevalence", "condition__prevalence_source"
    )
    signs_of: dict[int, list[int]] = defaultdict(list)
    commoner: set[int] = set()
    by_all, by_common = Counter(), Counter()
    for condition, pk, prevalence, source in pairs.iterator(chunk_size=10000):
        signs_of[condition].append(pk)
        is_common = prevalence in COMMON_CLASSES and "Point prevalence" in source
        if is_common:
            commoner.add(condition)
        if pk in noticeable:
            by_all[pk] += 1
            by_common[pk] += is_common

    for label, counts in (("all Orphanet disorders", by_all), ("commoner ones", by_common)):
        total = sum(counts.values())
        hit = sum(n for pk, n in counts.items() if pk in covered)
        print(
            f"{label}: {total} (condition, noticeable frequent sign) pairs over "
            f"{sum(1 for n in counts.values() if n)} signs; covered {hit} = {hit / total:.3f}"
        )
    lift = _per_disorder(signs_of, commoner, noticeable, covered)
    if args.lift:
        order, heading = lift, "disorders lifted toward the line (1 / signs short)"
    elif args.common:
        order, heading = by_common, "commoner disorders listing them"
    else:
        order, heading = by_all, "all disorders listing them"
    print(f"\nuncovered signs by {heading}:")
    shown = [pk for pk, _ in order.most_common() if pk not in covered][: args.show]
    for pk in shown:
        print(f"{lift[pk]:6.2f} {by_all[pk]:5d} {by_common[pk]:4d}  {terms[pk]}  {names[pk]}")


def _per_disorder(
    signs_of: dict[int, list[int]], commoner: set[int], noticeable: set[int], covered: set[int]
) -> Counter:
    """Print the share of pool disorders with LINE or more nameable noticeable signs; return
    each uncovered sign's lift: the sum over disorders below the line that list it of
    1 / (LINE - their nameable signs)."""
    pool = {c: set(signs) for c, signs in signs_of.items() if len(signs) >= MIN_SIGNS}
    lift: Counter = Counter()
    named = {c: len(signs & noticeable & covered) for c, signs in pool.items()}
    loose = {c: len(signs & covered) for c, signs in pool.items()}
    for c, signs in pool.items():
        if named[c] < LINE:
            for pk in signs & noticeable - covered:
                lift[pk] += 1 / (LINE - named[c])
    print(f"\nper disorder (pool: not a group, >= {MIN_SIGNS} signs at >= {MIN_FREQUENCY:.0%}):")
    for label, part in (("all", set(pool)), ("commoner", set(pool) & commoner)):
        short = Counter(min(named[c], LINE) for c in part)
        reached = short[LINE] / len(part)
        looser = sum(loose[c] >= LINE for c in part) / len(part)
        spread = ", ".join(f"{k}: {short[k]}" for k in range(LINE))
        print(
            f"{label}: {len(part)} disorders; >= {LINE} noticeable signs with words "
            f"{short[LINE]} = {reached:.3f} (below: {spread}); >= {LINE} signs with words, "
            f"noticeable or not (description_ceiling.py's notion) {looser:.3f}"
        )
    return lift


if __name__ == "__main__":
    main()

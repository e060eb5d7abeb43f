"""Search documents for the knowledge base: conditions, genes, variants, phenotypes, therapies.

Over 400 lines: the five documents' fields and tiers are weighed against each other, so they are
declared side by side; what they read is in `knowledge.search_rows` and `knowledge.typed_names`.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from identifiers.hgvs import VariantParseError, parse_variant
from identifiers.hgvs.genomic import spdi_keys
from identifiers.ids import vcv_accession
from identifiers.rearrangements import named_rearrangements
from identifiers.regions import condition_regions
from knowledge.models import (
    ApprovalStatus,
    Condition,
    ConditionSynonym,
    Gene,
    InheritanceMode,
    Modality,
    OnsetCategory,
    OrphanApproval,
    Phenotype,
    PhenotypeSynonym,
    SynonymKind,
    Therapy,
    TherapyLink,
    Variant,
)
from knowledge.search_rows import (
    ConditionRows,
    condition_name_keys,
    condition_name_parts,
    condition_names_shared,
    condition_rows,
    gene_caused_conditions,
    gene_condition_names,
    sign_condition_names,
)
from knowledge.shared_names import shared_names
from knowledge.therapy_names import other_names
from knowledge.typed_names import (
    protein_names,
    sign_borne_names,
    typed_forms,
    written_protein_names,
)
from search.documents import (
    AutocompleteField,
    Document,
    ExactField,
    FacetField,
    FilterField,
    SearchField,
    register,
)
from search.ordinary_words import SUBTYPE_WORDS, is_ordinary_word
from search.text import phrase_form

logger = logging.getLogger(__name__)

ID = 100.0  # an identifier typed in full always ranks first
PROTEIN_CODING = "protein-coding gene"  # HGNC's locus group
# Conditions known under the same name: the curated Orphanet entry first, then OMIM, then the
# rest (DECIPHER syndromes repeat Orphanet names with a "(Type 1)" suffix).
SOURCE_RANK = {"ORPHA": 1.0, "OMIM": 0.97, "MONDO": 0.96}
OTHER_SOURCE_RANK = 0.94


def _looks_like_abbreviation(text: str) -> bool:
    compact = text.replace("-", "").replace(" ", "")
    return 1 < len(compact) <= 8 and compact.isalnum() and any(c.isupper() for c in compact[:2])


@register
class ConditionDocument(Document):
    model = Condition
    doc_type = "condition"
    label = "Conditions"
    rank = 1.0
    related = (
        ("knowledge.ConditionIdentifier", "condition_id"),
        ("knowledge.ConditionSynonym", "condition_id"),
        ("knowledge.ConditionGene", "condition_id"),
        ("knowledge.ConditionPhenotype", "condition_id"),
    )
    fields = (
        ExactField("ids", boost=ID),
        ExactField("name", boost=50, phrase=True),
        ExactField("synonyms", boost=40, phrase=True),
        # The name a family types for the condition, given by a public page (the curated file):
        # above any sign's own label ("Spinal muscular atrophy" is an HPO term too).
        ExactField("everyday_names", boost=60, phrase=True),
        # Each name of an "A/B" pair, and a name without its leading inheritance: below a whole
        # name or synonym, above a sign's synonym or a gene's other name or alias
        # ("neurofibromatosis" is both for HP:0001067 and NF1).
        ExactField("name_parts", boost=38, phrase=True),
        # The name its types share (see `knowledge.shared_names`): below every name of its own, so the
        # entry named so ("Gaucher disease") leads its types, and each type's source rank and
        # words order them.
        ExactField("shared_names", boost=30, phrase=True),
        SearchField("name", boost=10),
        SearchField("synonyms", boost=8),
        SearchField("genes", boost=3),
        SearchField("family_summary", boost=2),
        SearchField("phenotypes", boost=1),
        SearchField("definition", boost=1),
        AutocompleteField("name"),
        AutocompleteField("synonyms"),
        FacetField("inheritance", label="Inheritance", choices=tuple(InheritanceMode.choices)),
        FacetField("onset", label="Age at onset", choices=tuple(OnsetCategory.choices)),
        FacetField("is_group", label="Group of conditions"),
    )

    def get_queryset(self) -> QuerySet:
        return Condition.objects.all()

    def attach(self, objects: list[Condition]) -> None:
        # Flat bulk reads instead of prefetching (see knowledge.search_rows).
        rows = condition_rows([obj.pk for obj in objects])
        # Read again when the names change (their stamp): an editor's rename reaches the keys of
        # the entries reindexed after it, and an unchanged name costs one aggregate query.
        shared = condition_names_shared()
        name_keys = condition_name_keys()
        sign_names = sign_condition_names()
        for obj in objects:
            obj.search_rows = rows.get(obj.pk) or ConditionRows()
            obj.search_shared_names = shared
            obj.search_name_keys = name_keys
            obj.search_sign_names = sign_names

    def curie(self, obj: Condition) -> str:
        return obj.primary_id

    def title(self, obj: Condition) -> str:
        return obj.name

    def summary(self, obj: Condition) -> str:
        return obj.family_summary or obj.definition

    def object_rank(self, obj: Condition) -> float:
        prefix = obj.primary_id.partition(":")[0].upper()
        return self.rank * SOURCE_RANK.get(prefix, OTHER_SOURCE_RANK)

    def extra(self, obj: Condition) -> dict[str, Any]:
        extra = {"is_group": obj.is_group, "inheritance": list(obj.inheritance)}
        # The chromosome region its names carry ("15q13.3 microdeletion syndrome"): a report's
        # line naming an overlapping region finds it (`search.regions`).
        names = [obj.name, *obj.search_rows.synonyms]
        regions = condition_regions(names)
        if regions:
            extra["regions"] = [
                [region.chromosome, region.start, region.end, change, words]
                for region, change, words in regions
            ]
        # The rearrangements its names carry ("Der(22)t(11;22) syndrome"), in ISCN.
        moved = dict.fromkeys(r.iscn for name in names for r in named_rearrangements(name))
        if moved:
            extra["rearrangements"] = list(moved)
            # The genes at its breaks, as its gene list names them (never read from a band).
            if obj.search_rows.fused:
                extra["fusion_genes"] = [list(pair) for pair in obj.search_rows.fused]
        return extra

    def prepare_ids(self, obj: Condition) -> list[str]:
        return [obj.primary_id, *obj.search_rows.curies]

    def prepare_synonyms(self, obj: Condition) -> list[str]:
        return list(obj.search_rows.synonyms)

    def prepare_name_parts(self, obj: Condition) -> list[str]:
        return [
            part
            for name in (obj.name, *obj.search_rows.synonyms)
            for part in (
                *typed_forms(name, obj.search_name_keys, obj.name),
                *sign_borne_names(name, obj.search_sign_names),
            )
        ]

    def prepare_shared_names(self, obj: Condition) -> list[str]:
        rows = obj.search_rows
        names = (obj.name, *rows.synonyms)
        return shared_names(names, rows.parent_names, obj.search_shared_names)

    def prepare_everyday_names(self, obj: Condition) -> list[str]:
        return list(obj.search_rows.everyday_names)

    def prepare_genes(self, obj: Condition) -> list[str]:
        return list(obj.search_rows.genes)

    def prepare_phenotypes(self, obj: Condition) -> list[str]:
        return list(obj.search_rows.phenotypes)

    def synonym_groups(self) -> Iterator[tuple[str, ...]]:
        # Abbreviations and eponyms expand to the name ("SMA" -> spinal muscular atrophy).
        # Two flat reads, not a model instance per condition and synonym (17 s -> ~1 s).
        alternates: dict[int, list[str]] = defaultdict(list)
        synonyms = ConditionSynonym.objects.order_by("pk").values_list(
            "condition_id", "text", "kind"
        )
        for condition_id, text, kind in synonyms.iterator(chunk_size=5000):
            if kind in (SynonymKind.ABBREVIATION, SynonymKind.EPONYM) or _looks_like_abbreviation(
                text
            ):
                alternates[condition_id].append(text)
        names = Condition.objects.filter(pk__in=list(alternates)).values_list("pk", "name")
        for condition_id, name in names.iterator(chunk_size=5000):
            yield (name, *alternates[condition_id])


@register
class GeneDocument(Document):
    model = Gene
    doc_type = "gene"
    label = "Genes"
    rank = 1.0
    related = (("knowledge.ConditionGene", "gene_id"),)
    fields = (
        ExactField("ids", boost=ID),
        # A symbol typed alone names its gene first, unless the gene is tied to no condition
        # and a condition's abbreviation is the same letters: "NCL" is neuronal ceroid
        # lipofuscinosis (40) before nucleolin; "GLA" and "PAH" stay their genes.
        ExactField("disease_gene_symbol", boost=60, preferred_spelling=True),
        ExactField("other_gene_symbol", boost=36),
        ExactField("name", boost=45, phrase=True),  # "dystrophin" names the DMD gene
        ExactField("aliases", boost=20),
        ExactField("previous_symbols", boost=20),
        # HGNC's alias and previous names ("glucocerebrosidase"): below a condition's own name
        # and synonyms (50, 40), since some name the disease the gene was first known by.
        ExactField("other_names", boost=35, phrase=True),
        SearchField("symbol", boost=10),
        SearchField("name", boost=8),
        SearchField("aliases", boost=4),
        SearchField("previous_symbols", boost=4),
        SearchField("other_names", boost=4),
        SearchField("conditions", boost=1),
        AutocompleteField("symbol"),
        AutocompleteField("name"),
        FacetField("locus_group", label="Gene group"),
    )

    def get_queryset(self) -> QuerySet:
        return Gene.objects.all()

    def attach(self, objects: list[Gene]) -> None:
        names = gene_condition_names([obj.pk for obj in objects])
        causes = gene_caused_conditions([obj.pk for obj in objects])
        for obj in objects:
            obj.search_conditions = names.get(obj.pk, [])
            obj.search_causes = causes.get(obj.pk, [])

    def curie(self, obj: Gene) -> str:
        return obj.symbol

    def title(self, obj: Gene) -> str:
        return f"{obj.symbol}: {obj.name}" if obj.name else obj.symbol

    def summary(self, obj: Gene) -> str:
        parts = [obj.name, obj.location]
        if obj.aliases:
            parts.append("Also known as " + ", ".join(obj.aliases))
        return ". ".join(p for p in parts if p)

    def extra(self, obj: Gene) -> dict[str, Any]:
        # The conditions it causes follow the gene when its symbol is typed (search.gene_causes).
        extra = {"hgnc_id": obj.hgnc_id or "", "location": obj.location}
        return {**extra, "causes": obj.search_causes} if obj.search_causes else extra

    def prepare_ids(self, obj: Gene) -> list[str]:
        ids = [obj.hgnc_id or ""]
        if obj.ncbi_gene_id:
            ids += [f"NCBIGene:{obj.ncbi_gene_id}", str(obj.ncbi_gene_id)]
        return ids

    def prepare_conditions(self, obj: Gene) -> list[str]:
        return list(obj.search_conditions)

    def prepare_other_names(self, obj: Gene) -> list[str]:
        # A pseudogene or an RNA gene makes no protein: "polycystin 1" is PKD1's, not PKD1P1's.
        coding = obj.locus_group == PROTEIN_CODING
        written = written_protein_names(obj.name, obj.other_names) if coding else []
        return [*obj.other_names, *protein_names(obj.name), *written]

    def prepare_disease_gene_symbol(self, obj: Gene) -> list[str]:
        return [obj.symbol] if obj.search_conditions else []

    def prepare_other_gene_symbol(self, obj: Gene) -> list[str]:
        return [] if obj.search_conditions else [obj.symbol]

    def synonym_groups(self) -> Iterator[tuple[str, ...]]:
        # Only genes tied to a condition: the whole HGNC set would bloat the synonym rules.
        rows = Gene.objects.filter(condition_links__isnull=False).distinct()
        for gene in rows.only("symbol", "aliases", "previous_symbols").iterator(chunk_size=2000):
            # An alias that is an everyday word ("TYPE" for SGCG) would stand for the gene
            # wherever a family writes the word ("spinal muscular atrophy type 1").
            alternates = [
                a
                for a in (*gene.aliases, *gene.previous_symbols)
                if len(a) > 2 and not is_ordinary_word(a.lower()) and a.lower() not in SUBTYPE_WORDS
            ]
            if alternates:
                yield (gene.symbol, *alternates)


def _variant_keys(variant: Variant) -> list[str]:
    keys = list(variant.search_keys)
    symbol = variant.gene.symbol if variant.gene else ""
    candidates = [variant.name, variant.hgvs_c, variant.hgvs_p, variant.hgvs_g]
    if variant.transcript and variant.hgvs_c:
        candidates.append(f"{variant.transcript}:{variant.hgvs_c}")
    if symbol and variant.hgvs_c:
        candidates.append(f"{symbol}:{variant.hgvs_c}")
    for text in candidates:
        if not text:
            continue
        try:
            keys.extend(parse_variant(text).search_keys)
        except VariantParseError:
            keys.append(text)
    # Its place on GRCh38, however a report prints it: a position, an SPDI, a g. name.
    keys.extend(spdi_keys(variant.spdi))
    return keys


@register
class VariantDocument(Document):
    model = Variant
    doc_type = "variant"
    label = "Variants"
    rank = 0.8
    related = (("knowledge.VariantCondition", "variant_id"),)
    fields = (
        ExactField("keys", boost=ID),
        SearchField("name", boost=8),
        SearchField("gene_symbol", boost=4),
        SearchField("conditions", boost=2),
        SearchField("molecular_consequence", boost=1),
        AutocompleteField("name"),
        FacetField("clinical_significance", label="Clinical significance"),
        FilterField("gene_symbol"),
    )

    def get_queryset(self) -> QuerySet:
        return Variant.objects.select_related("gene").prefetch_related("conditions")

    def curie(self, obj: Variant) -> str:
        if obj.clinvar_id:
            return vcv_accession(obj.clinvar_id)
        return obj.rsid or obj.name

    def title(self, obj: Variant) -> str:
        return obj.name

    def summary(self, obj: Variant) -> str:
        parts = [obj.clinical_significance, obj.molecular_consequence]
        parts.append(", ".join(c.name for c in obj.conditions.all()))
        return ". ".join(p for p in parts if p)

    def extra(self, obj: Variant) -> dict[str, Any]:
        return {"gene": obj.gene.symbol if obj.gene else "", "rsid": obj.rsid, "spdi": obj.spdi}

    def prepare_keys(self, obj: Variant) -> list[str]:
        keys = _variant_keys(obj)
        if obj.rsid:
            keys.append(obj.rsid)
        if obj.clinvar_id:
            keys += [vcv_accession(obj.clinvar_id), f"clinvar:{obj.clinvar_id}"]
        return keys

    def prepare_gene_symbol(self, obj: Variant) -> str:
        return obj.gene.symbol if obj.gene else ""

    def prepare_conditions(self, obj: Variant) -> list[str]:
        return [c.name for c in obj.conditions.all()]


@register
class PhenotypeDocument(Document):
    model = Phenotype
    doc_type = "phenotype"
    label = "Symptoms and signs"
    rank = 0.9
    related = (("knowledge.PhenotypeSynonym", "phenotype_id"),)
    fields = (
        ExactField("hpo_id", boost=ID),
        ExactField("own_name", boost=50, phrase=True),
        ExactField("own_layperson", boost=45, phrase=True),
        ExactField("own_synonyms", boost=35, phrase=True),
        # A label or synonym a condition also bears as its name or synonym
        # ("Aspartylglucosaminuria", "Lou Gehrig's disease"), or with another head word ("Fabry
        # syndrome", see `knowledge.search_rows.sign_condition_names`): a family typing it wants
        # the condition, so the sign comes after the condition's own keys (38-60), by a margin
        # no text score makes up.
        ExactField("condition_names", boost=30, phrase=True),
        SearchField("name", boost=10),
        SearchField("layperson", boost=9),
        SearchField("synonyms", boost=5),
        SearchField("definition", boost=1),
        AutocompleteField("name"),
        AutocompleteField("layperson"),
    )

    def get_queryset(self) -> QuerySet:
        return Phenotype.objects.filter(is_obsolete=False).prefetch_related("synonyms")

    def curie(self, obj: Phenotype) -> str:
        return obj.hpo_id

    def title(self, obj: Phenotype) -> str:
        return obj.name

    def summary(self, obj: Phenotype) -> str:
        layperson = self.prepare_layperson(obj)
        prefix = f"Also called: {', '.join(layperson)}. " if layperson else ""
        return prefix + obj.definition

    def attach(self, objects: list[Phenotype]) -> None:
        # Read again when the condition names change (their stamp); a condition renamed later
        # reaches these keys when the sign is next indexed, as the load's rebuild does.
        taken = condition_name_keys() | sign_condition_names() | condition_name_parts()
        for obj in objects:
            obj.search_condition_keys = taken

    def _labels(self, obj: Phenotype, labels: list[str], *, named: bool) -> list[str]:
        """The labels a condition also bears (`named`) or not."""
        return [
            text for text in labels if (phrase_form(text) in obj.search_condition_keys) is named
        ]

    def prepare_own_name(self, obj: Phenotype) -> list[str]:
        return self._labels(obj, [obj.name], named=False)

    def prepare_own_layperson(self, obj: Phenotype) -> list[str]:
        return self._labels(obj, self.prepare_layperson(obj), named=False)

    def prepare_condition_names(self, obj: Phenotype) -> list[str]:
        labels = [obj.name, *self.prepare_layperson(obj), *self.prepare_synonyms(obj)]
        return self._labels(obj, labels, named=True)

    def prepare_layperson(self, obj: Phenotype) -> list[str]:
        return [s.text for s in obj.synonyms.all() if s.is_layperson]

    def prepare_own_synonyms(self, obj: Phenotype) -> list[str]:
        return self._labels(obj, self.prepare_synonyms(obj), named=False)

    def prepare_synonyms(self, obj: Phenotype) -> list[str]:
        return [s.text for s in obj.synonyms.all() if not s.is_layperson]

    def synonym_groups(self) -> Iterator[tuple[str, ...]]:
        layperson: dict[int, list[str]] = defaultdict(list)
        synonyms = PhenotypeSynonym.objects.filter(
            is_layperson=True, phenotype__is_obsolete=False
        ).order_by("pk")
        for phenotype_id, text in synonyms.values_list("phenotype_id", "text").iterator(5000):
            layperson[phenotype_id].append(text)
        names = Phenotype.objects.filter(pk__in=list(layperson)).values_list("pk", "name")
        for phenotype_id, name in names.iterator(chunk_size=5000):
            yield (name, *layperson[phenotype_id])


@register
class TherapyDocument(Document):
    model = Therapy
    doc_type = "therapy"
    label = "Treatments"
    rank = 1.0
    related = (("knowledge.TherapyLink", "therapy_id"),)
    fields = (
        ExactField("name", boost=60, phrase=True),
        ExactField("synonyms", boost=55, phrase=True),
        SearchField("name", boost=10),
        SearchField("synonyms", boost=9),
        SearchField("conditions", boost=3),
        SearchField("mechanism", boost=1),
        AutocompleteField("name"),
        AutocompleteField("synonyms"),
        FacetField("modality", label="Kind of treatment", choices=tuple(Modality.choices)),
        FacetField("approval", label="Approval status", choices=tuple(ApprovalStatus.choices)),
    )

    def get_queryset(self) -> QuerySet:
        return Therapy.objects.prefetch_related(
            Prefetch(
                "links",
                queryset=TherapyLink.objects.select_related("condition").with_regulatory_events(),
            ),
            Prefetch(
                "links__orphan_approvals",
                queryset=OrphanApproval.objects.only("link", "generic_name"),
            ),
        )

    def curie(self, obj: Therapy) -> str:
        return obj.slug

    def title(self, obj: Therapy) -> str:
        if obj.synonyms:
            return f"{obj.name} ({', '.join(obj.synonyms[:2])})"
        return obj.name

    def summary(self, obj: Therapy) -> str:
        return obj.mechanism

    def extra(self, obj: Therapy) -> dict[str, Any]:
        return {"modality": obj.get_modality_display(), "brands": list(obj.synonyms)}

    def prepare_conditions(self, obj: Therapy) -> list[str]:
        return [
            link.condition.name if link.condition else link.condition_name
            for link in obj.links.all()
        ]

    def prepare_synonyms(self, obj: Therapy) -> list[str]:
        # Its brands, and the generic names the FDA also writes it under (one product, one entry).
        written = [a.generic_name for link in obj.links.all() for a in link.orphan_approvals.all()]
        return [*obj.synonyms, *other_names(obj.name, written)]

    def prepare_approval(self, obj: Therapy) -> list[str]:
        # Every region approved today counts, so "EMA approved" finds a US-and-EU medicine too.
        statuses = {link.current_status for link in obj.links.all()}
        statuses |= {
            {"US": "fda_approved", "EU": "ema_approved"}.get(region, "approved_elsewhere")
            for link in obj.links.all()
            for region in link.regulatory.approved_regions
        }
        return sorted(statuses)

    def synonym_groups(self) -> Iterator[tuple[str, ...]]:
        for therapy in Therapy.objects.only("name", "synonyms").iterator(chunk_size=2000):
            if therapy.synonyms:
                yield (therapy.name, *therapy.synonyms)

"""Conditions (diseases, disorders, syndromes) with their names, identifiers and facts."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from simple_history.models import HistoricalRecords

from knowledge.models.common import OldSlug, Provenance


class InheritanceMode(models.TextChoices):
    AUTOSOMAL_DOMINANT = "autosomal_dominant", "Autosomal dominant"
    AUTOSOMAL_RECESSIVE = "autosomal_recessive", "Autosomal recessive"
    X_LINKED_RECESSIVE = "x_linked_recessive", "X-linked recessive"
    X_LINKED_DOMINANT = "x_linked_dominant", "X-linked dominant"
    X_LINKED = "x_linked", "X-linked"
    Y_LINKED = "y_linked", "Y-linked"
    MITOCHONDRIAL = "mitochondrial", "Mitochondrial"
    SEMIDOMINANT = "semidominant", "Semidominant"
    DIGENIC = "digenic", "Digenic"
    MULTIFACTORIAL = "multifactorial", "Multifactorial"
    SOMATIC = "somatic", "Somatic (not inherited)"
    SPORADIC = "sporadic", "Sporadic"
    NOT_APPLICABLE = "not_applicable", "Not applicable"
    UNKNOWN = "unknown", "Unknown"


class OnsetCategory(models.TextChoices):
    ANTENATAL = "antenatal", "Before birth"
    NEONATAL = "neonatal", "Newborn"
    INFANCY = "infancy", "Infancy"
    CHILDHOOD = "childhood", "Childhood"
    ADOLESCENT = "adolescent", "Adolescence"
    ADULT = "adult", "Adulthood"
    ELDERLY = "elderly", "Older age"
    ALL_AGES = "all_ages", "Any age"


class IdentifierScheme(models.TextChoices):
    ORPHA = "ORPHA", "Orphanet"
    OMIM = "OMIM", "OMIM"
    MONDO = "MONDO", "MONDO"
    GARD = "GARD", "NIH GARD"
    DECIPHER = "DECIPHER", "DECIPHER"
    ICD10 = "ICD-10", "ICD-10"
    ICD11 = "ICD-11", "ICD-11"
    MESH = "MeSH", "MeSH"
    UMLS = "UMLS", "UMLS"
    MEDDRA = "MedDRA", "MedDRA"


class SynonymKind(models.TextChoices):
    SYNONYM = "synonym", "Synonym"
    ABBREVIATION = "abbreviation", "Abbreviation"
    EPONYM = "eponym", "Eponym"
    LAYPERSON = "layperson", "Everyday name"
    PREVIOUS = "previous", "Previous name"


class Condition(models.Model):
    """One condition, however many databases name it: their ids are cross-references."""

    name = models.CharField(max_length=300, db_index=True)
    slug = models.SlugField(max_length=200, unique=True)
    primary_id = models.CharField(
        max_length=40, unique=True, help_text="The identifier the condition was first known by."
    )
    disorder_type = models.CharField(max_length=80, blank=True)
    is_group = models.BooleanField(default=False, help_text="A category of conditions.")
    definition = models.TextField(blank=True)
    definition_source = models.CharField(max_length=120, blank=True)
    family_summary = models.TextField(
        blank=True,
        help_text="Editor-written plain-language summary for families (grade 8 or below).",
    )
    family_summary_updated_at = models.DateTimeField(null=True, blank=True)
    inheritance = ArrayField(
        models.CharField(max_length=30, choices=InheritanceMode.choices), default=list, blank=True
    )
    onset = ArrayField(
        models.CharField(max_length=20, choices=OnsetCategory.choices), default=list, blank=True
    )
    prevalence = models.CharField(max_length=120, blank=True, help_text="e.g. '1-9 / 100 000'")
    prevalence_source = models.CharField(max_length=120, blank=True)
    # prevalence/prevalence_source hold Orphanet's headline statement (point prevalence,
    # worldwide, even "Unknown"), which the description ranking reads; this holds every
    # statement, best known first, for the family sentence and the page (kbimport orphanet).
    prevalence_statements = models.JSONField(
        default=list,
        blank=True,
        help_text="Every Orphanet prevalence statement, best known first: class, type, "
        "geographic, qualification, mean_value, source (Orphanet's reference), label.",
    )
    facts_source = models.CharField(
        max_length=200, blank=True, help_text="Sources of inheritance, onset and prevalence."
    )
    retrieved_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        # Treatment search matches a typed name case-insensitively (`name__iexact`): without
        # this, UPPER(name) scanned all ~15,000 rows (20-70 ms of PostgreSQL per search).
        indexes = [models.Index(Upper("name"), name="condition_name_upper")]

    def __str__(self) -> str:
        return f"{self.name} ({self.primary_id})"

    def get_absolute_url(self) -> str:
        return reverse("knowledge:condition-detail", kwargs={"slug": self.slug})


class ConditionIdentifier(Provenance):
    """A cross-reference: the same condition in another database."""

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="identifiers")
    scheme = models.CharField(max_length=12, choices=IdentifierScheme.choices)
    value = models.CharField(max_length=60)
    mapping = models.CharField(
        max_length=60, blank=True, help_text="How close the match is, e.g. 'E (Exact mapping)'."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "value"], name="condition_identifier_unique")
        ]
        indexes = [models.Index(fields=["value"])]

    def __str__(self) -> str:
        return self.curie

    @property
    def curie(self) -> str:
        return f"{self.scheme}:{self.value}"


class ConditionSynonym(Provenance):
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="synonyms")
    text = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=SynonymKind.choices, default=SynonymKind.SYNONYM)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["condition", "text"], name="condition_synonym_unique")
        ]
        indexes = [models.Index(Upper("text"), name="condition_synonym_text_upper")]

    def __str__(self) -> str:
        return self.text


class ConditionPhenotype(Provenance):
    """A feature of the condition (an HPO term) and how often it occurs."""

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="phenotypes")
    phenotype = models.ForeignKey(
        "knowledge.Phenotype", on_delete=models.CASCADE, related_name="condition_links"
    )
    frequency = models.FloatField(null=True, blank=True, help_text="Share of people, 0 to 1.")
    frequency_label = models.CharField(max_length=60, blank=True)
    # Set by .save() (the admin, a script, the shell, a data migration): the phenotype index's
    # version reads the newest, so an edit in place is served. A bulk upsert may leave it as it
    # was; an import's run moves the version then (treatments/phenotypes/index.py).
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "phenotype"], name="condition_phenotype_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.condition_id} → {self.phenotype_id}"


class ConditionGene(Provenance):
    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="gene_links")
    gene = models.ForeignKey(
        "knowledge.Gene", on_delete=models.CASCADE, related_name="condition_links"
    )
    association = models.CharField(max_length=120, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["condition", "gene"], name="condition_gene_unique")
        ]

    def __str__(self) -> str:
        return f"{self.condition_id} → {self.gene_id}"

    @property
    def is_cause(self) -> bool:
        """Orphanet says the gene causes the condition (HPO gives no type: taken as a cause)."""
        return not self.association or self.association.lower().startswith("disease-causing")

    @property
    def role(self) -> str:
        """Orphanet's association type in plain words; a modifier is never called the cause."""
        kind = self.association.lower()
        for start, words in GENE_ROLES:
            if kind.startswith(start):
                return words
        return ""


# Orphanet's gene-disorder association types, in plain words (first match wins).
GENE_ROLES: tuple[tuple[str, str], ...] = (
    ("disease-causing", "causes it"),
    ("modifying", "modifier gene: changes how it shows, does not cause it"),
    ("major susceptibility", "raises the chance of getting it, does not cause it alone"),
    ("candidate", "may play a part, not yet proven"),
    ("part of a fusion gene", "part of a joined (fusion) gene found in it"),
    ("role in the phenotype", "plays a part in some of its signs"),
    ("biomarker", "a marker tested for it, not a cause"),
)


class SubtypeRelation(models.TextChoices):
    CLASSIFICATION = "classification", "Orphanet classification"
    # Orphanet maps its disease to OMIM entries that are narrower (BTNT): mostly the numbered,
    # gene-defined types ("Noonan syndrome 8").
    OMIM_NARROWER = "omim_narrower", "OMIM entry narrower than the Orphanet disease"


class ConditionSubtype(Provenance):
    """Orphanet's classification: `child` is a type (subtype or member) of `parent`.

    A family who lands on a group entry ("Proximal spinal muscular atrophy") learns from it
    which types exist, and the treatments listed for those types. Orphanet's BTNT mappings
    add the OMIM entries narrower than a disease as its types (`relation` says which).
    """

    parent = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="subtype_links")
    child = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="parent_links")
    relation = models.CharField(
        max_length=20, choices=SubtypeRelation.choices, default=SubtypeRelation.CLASSIFICATION
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["parent", "child"], name="condition_subtype_unique"),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("child")), name="condition_subtype_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.parent_id} ⊃ {self.child_id}"


class SlugRedirect(OldSlug):
    """An old condition URL that now points at the condition it was merged into."""

    condition = models.ForeignKey(Condition, on_delete=models.CASCADE, related_name="redirects")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.condition_id}"

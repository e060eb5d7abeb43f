"""Therapy candidates and what they are known to do for which condition, gene or variant."""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from knowledge.editor_values import (
    EditorValue,
    EventCredit,
    events_get_credit,
    link_get_editor_values,
    link_shown_values,
    mechanism_values,
    therapy_get_editor_values,
)
from knowledge.models.common import OldSlug, Provenance
from knowledge.regulatory import LinkStatus, date_text, link_status

# The curated therapy file's load keeps what it said for each field it writes, so the next load
# tells an editor's change from the file's (kbimport/importers/file_merge.py).
FILE_VALUES_HELP = "What the curated file said for each field at its last load, by field."


class Modality(models.TextChoices):
    SMALL_MOLECULE = "small_molecule", "Small molecule"
    ANTISENSE = "antisense_oligonucleotide", "Antisense oligonucleotide"
    SIRNA = "sirna", "siRNA"
    AAV_GENE_THERAPY = "aav_gene_therapy", "AAV gene therapy"
    LENTIVIRAL_GENE_THERAPY = "lentiviral_gene_therapy", "Lentiviral gene therapy"
    GENE_EDITING = "gene_editing", "Gene editing"
    ENZYME_REPLACEMENT = "enzyme_replacement", "Enzyme replacement"
    ANTIBODY = "monoclonal_antibody", "Antibody"
    PROTEIN_PEPTIDE = "protein_or_peptide", "Protein or peptide"
    CELL_THERAPY = "cell_therapy", "Cell therapy"
    GENE_THERAPY = "gene_therapy", "Gene therapy"
    OTHER = "other", "Other"
    # A source's product whose kind its name does not state: never guessed.
    NOT_CLASSIFIED = "not_classified", "Not classified"


class ApprovalStatus(models.TextChoices):
    FDA_APPROVED = "fda_approved", "FDA approved"
    EMA_APPROVED = "ema_approved", "EMA approved"
    APPROVED_OTHER = "approved_other_indication", "Approved for another use"
    INVESTIGATIONAL = "investigational", "Investigational"
    PRECLINICAL = "preclinical", "Preclinical"
    INDIVIDUALIZED = "individualized", "Individualized (n-of-1)"
    # Derived from regulatory events only: an approval that has expired or was withdrawn.
    APPROVAL_ENDED = "approval_ended", "Approval expired or withdrawn"
    APPROVED_ELSEWHERE = "approved_elsewhere", "Approved outside the US and EU"


class EvidenceLevel(models.TextChoices):
    REGULATORY_APPROVAL = "regulatory_approval", "Regulatory approval"
    RANDOMIZED_TRIAL = "randomized_trial", "Randomized trial"
    OPEN_LABEL_STUDY = "open_label_study", "Open-label study"
    CASE_REPORT = "case_report", "Case report"
    PRECLINICAL = "preclinical", "Preclinical"
    HYPOTHESIS = "hypothesis", "Mechanistic hypothesis"


class Therapy(Provenance):
    name = models.CharField(max_length=200, unique=True, help_text="Generic (INN) name.")
    slug = models.SlugField(max_length=200, unique=True)
    synonyms = ArrayField(
        models.CharField(max_length=120), default=list, blank=True, help_text="Brand names, codes."
    )
    modality = models.CharField(max_length=30, choices=Modality.choices)
    mechanism = models.TextField(blank=True, help_text="How it works, in one plain sentence.")
    notes = models.TextField(blank=True)
    file_values = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text=FILE_VALUES_HELP,
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "file_values"])

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "therapies"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("knowledge:therapy-detail", kwargs={"slug": self.slug})


class TherapySlugRedirect(OldSlug):
    """An old therapy URL (a record merged into another, or renamed) that now points at it."""

    therapy = models.ForeignKey(Therapy, on_delete=models.CASCADE, related_name="redirects")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.therapy_id}"


class TherapyLinkQuerySet(models.QuerySet):
    """Therapy links, with the regulatory state derived from their events."""

    def approved_now(self, region: str | None = None) -> TherapyLinkQuerySet:
        """Links approved today (in ``region`` if given), per knowledge.regulatory."""
        from knowledge.regulatory import approved_now_q

        return self.filter(approved_now_q(region))

    def not_approved_now(self) -> TherapyLinkQuerySet:
        """Links with no approval in force in any region."""
        from knowledge.regulatory import approved_now_q

        return self.exclude(approved_now_q(None))

    def with_regulatory_events(self) -> TherapyLinkQuerySet:
        """Prefetch the events the page derives status, history and warnings from."""
        return self.prefetch_related(
            models.Prefetch(
                "regulatory_events", queryset=RegulatoryEvent.objects.order_by("date", "pk")
            )
        )


class TherapyLink(Provenance):
    """What a therapy is known to do for one condition (and its genes and variants)."""

    therapy = models.ForeignKey(Therapy, on_delete=models.CASCADE, related_name="links")
    condition = models.ForeignKey(
        "knowledge.Condition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="therapy_links",
    )
    condition_name = models.CharField(
        max_length=300, help_text="The condition as the source names it."
    )
    genes = models.ManyToManyField("knowledge.Gene", related_name="therapy_links", blank=True)
    variants = models.ManyToManyField("knowledge.Variant", related_name="therapy_links", blank=True)
    status = models.CharField(max_length=30, choices=ApprovalStatus.choices)
    phase = models.CharField(max_length=20, blank=True)
    approval_year_fda = models.PositiveSmallIntegerField(null=True, blank=True)
    approval_year_ema = models.PositiveSmallIntegerField(null=True, blank=True)
    evidence_level = models.CharField(max_length=30, choices=EvidenceLevel.choices)
    variant_scope = models.TextField(blank=True, help_text="Who it applies to, in words.")
    variant_rule = models.JSONField(
        null=True,
        blank=True,
        help_text="Machine-readable scope, e.g. {'kind': 'exon_skip', 'exon': 51}.",
    )
    pmids = ArrayField(models.CharField(max_length=12), default=list, blank=True)
    nct_ids = ArrayField(models.CharField(max_length=12), default=list, blank=True)
    urls = ArrayField(models.URLField(max_length=500), default=list, blank=True)
    verification = models.TextField(blank=True, help_text="What the source checked, or did not.")
    mechanism = models.TextField(
        blank=True, help_text="How it works for this condition, when it differs from the therapy's."
    )
    note = models.TextField(
        blank=True, help_text="What the source notes for readers (e.g. 'not a product')."
    )
    population = models.CharField(
        max_length=200,
        blank=True,
        help_text="The part of the condition the link is about, e.g. 'early-onset forms'.",
    )
    not_confirmed = models.JSONField(
        default=dict,
        blank=True,
        help_text="Facts the source marks unconfirmed: {fact: what was not confirmed}.",
    )
    citations = models.JSONField(
        default=dict,
        blank=True,
        help_text="What the curated source says of each PMID: {pmid: {first_author, et_al, "
        "journal, year, title}}; a fetched PubMed record takes precedence.",
    )
    file_values = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text=FILE_VALUES_HELP,
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "file_values"])

    objects = TherapyLinkQuerySet.as_manager()

    class Meta:
        constraints = [
            # One row per stored condition a source's link names (a link naming three OMIM ids
            # gives three rows); an unmatched link (no condition) is kept once.
            models.UniqueConstraint(
                fields=["therapy", "condition_name", "condition"],
                name="therapy_link_unique_per_condition",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.therapy} → {self.condition_name}"

    @cached_property
    def regulatory(self) -> LinkStatus:
        """Where the link stands today, from its events (prefetch them: with_regulatory_events)."""
        return link_status(self.status, self.regulatory_events.all())

    @property
    def current_status(self) -> str:
        return self.regulatory.status

    @property
    def mechanism_text(self) -> str:
        return self.mechanism or self.therapy.mechanism

    @cached_property
    def mechanism_text_values(self) -> list[EditorValue]:
        """Who wrote mechanism_text when an editor did: the link's own, else its therapy's."""
        if self.mechanism:
            return mechanism_values(self, link_get_editor_values([self]).get(self.pk, []), {})
        return mechanism_values(self, [], therapy_get_editor_values([self.therapy]))

    @cached_property
    def editor_values(self) -> list[EditorValue]:
        """The facts of this use an editor set that its source does not say, each credited to
        the edit (a history query only when one is held)."""
        return link_shown_values(self, link_get_editor_values([self]).get(self.pk, []))

    @property
    def not_confirmed_notes(self) -> list[str]:
        return [str(note) for note in (self.not_confirmed or {}).values()]

    @property
    def current_status_label(self) -> str:
        status = self.regulatory.status
        return ApprovalStatus(status).label if status in ApprovalStatus.values else status


class Region(models.TextChoices):
    US = "US", "United States"
    EU = "EU", "European Union"
    UK = "UK", "United Kingdom"
    OTHER = "OTHER", "Other region"


class RegulatoryEventKind(models.TextChoices):
    APPROVED = "approved", "Approved"
    APPROVED_ACCELERATED = "approved_accelerated", "Accelerated approval"
    APPROVED_CONDITIONAL = "approved_conditional", "Conditional approval"
    APPROVED_EXCEPTIONAL = "approved_exceptional", "Approved under exceptional circumstances"
    RESTRICTED = "restricted", "Label narrowed"
    BOXED_WARNING = "boxed_warning", "Boxed warning added"
    EXPIRED = "expired", "Authorisation expired"
    WITHDRAWN = "withdrawn", "Withdrawn"
    REFUSED = "refused", "Refused"


class DatePrecision(models.TextChoices):
    YEAR = "year", "Year"
    MONTH = "month", "Month"
    DAY = "day", "Day"


class RegulatoryEvent(Provenance):
    """One dated regulatory decision on a therapy link in one region, with its source.

    The current status of a link is derived from these in knowledge.regulatory, never stored.
    """

    link = models.ForeignKey(
        TherapyLink, on_delete=models.CASCADE, related_name="regulatory_events"
    )
    region = models.CharField(max_length=8, choices=Region.choices)
    kind = models.CharField(max_length=24, choices=RegulatoryEventKind.choices)
    date = models.DateField(help_text="For a year or month only, the first day of it.")
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    summary = models.TextField(help_text="What changed, in plain words.")
    urls = ArrayField(models.URLField(max_length=500), default=list, blank=True)
    not_confirmed = models.TextField(blank=True, help_text="What the source did not confirm.")
    file_values = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text=FILE_VALUES_HELP,
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "file_values"])

    class Meta:
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["link", "region", "kind", "date"], name="regulatory_event_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.link} {self.region} {self.kind} {self.date}"

    @property
    def date_text(self) -> str:
        return date_text(self.date, self.date_precision)

    @cached_property
    def credit(self) -> EventCredit:
        """Who the event is shown under as it reads now (a page primes it for all its events:
        knowledge.editor_values.links_prime_editor_values)."""
        return events_get_credit([self])[self.pk]

    @property
    def by_editors(self) -> bool:
        """Whether the event stands on an editor's word (they set it and named no other source)."""
        return self.credit.by_editors

"""Therapies and what they are known to do for which condition."""

from __future__ import annotations

from rest_framework import serializers

from knowledge.models import OrphanApproval, RegulatoryEvent, Therapy, TherapyLink
from knowledge.selectors import therapy_other_names


class EditorValueSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The record's field, e.g. mechanism.")
    source = serializers.CharField(help_text="Who set it: the editors, or the source they named.")
    on = serializers.DateField(
        allow_null=True, help_text="When the editor set it, or the named source's date."
    )


class RegulatoryEventSerializer(serializers.ModelSerializer):
    date_text = serializers.CharField(read_only=True, help_text="As precise as the source.")
    by_editors = serializers.BooleanField(
        source="credit.by_editors",
        read_only=True,
        help_text="The event stands on an editor's word: they set it and named no other source "
        "(retrieved_on is then the day of their edit).",
    )
    # As the page credits it: an edit not yet loaded is the editors', not the file's.
    source = serializers.CharField(
        source="credit.source", read_only=True,
        help_text="Who the event stands on: the file, the source an editor named, or the editors.",
    )  # fmt: skip
    retrieved_on = serializers.DateField(
        source="credit.on", read_only=True, allow_null=True,
        help_text="When that source was checked, or the day of the editors' edit.",
    )  # fmt: skip

    class Meta:
        model = RegulatoryEvent
        fields = ["region", "kind", "date", "date_precision", "date_text", "summary", "urls",
                  "not_confirmed", "source", "source_url", "retrieved_on", "by_editors"]  # fmt: skip


class OrphanApprovalSerializer(serializers.ModelSerializer):
    """One FDA orphan approval behind the link, as the FDA export lists it (the page's
    "FDA approved <date> for: <indication>")."""

    class Meta:
        model = OrphanApproval
        fields = ["generic_name", "trade_name", "indication", "designation", "designated_on",
                  "approved_on", "withdrawn", "sponsor", "source", "source_url",
                  "retrieved_on"]  # fmt: skip


class RegulatoryFieldsMixin(serializers.Serializer):
    """The status derived from the link's regulatory events (the stored status is only a hint),
    the FDA approvals behind it (prefetch the link's orphan_approvals), and what an editor set
    on the link in place of its source's word."""

    current_status = serializers.CharField(
        read_only=True, help_text="Derived from the regulatory events: approved today, or not."
    )
    approved_now = serializers.BooleanField(source="regulatory.approved_now", read_only=True)
    approved_regions = serializers.ListField(
        source="regulatory.approved_regions", child=serializers.CharField(), read_only=True
    )
    boxed_warning = serializers.BooleanField(source="regulatory.boxed_warning", read_only=True)
    caveats = serializers.ListField(
        source="regulatory.caveats", child=serializers.CharField(), read_only=True
    )
    regulatory_events = RegulatoryEventSerializer(many=True, read_only=True)
    editor_values = EditorValueSerializer(
        many=True,
        read_only=True,
        help_text="Fields of the link an editor set that its source does not say, each with its "
        "own source and date (source and retrieved_on are the link's, for the other fields).",
    )
    orphan_approvals = OrphanApprovalSerializer(
        many=True, read_only=True, help_text="FDA orphan approvals behind the link, newest first."
    )


class TherapyLinkSerializer(RegulatoryFieldsMixin, serializers.ModelSerializer):
    condition_slug = serializers.CharField(
        source="condition.slug",
        read_only=True,
        default=None,
        allow_null=True,
        help_text="Condition slug; null while the source's condition is linked to none of ours.",
    )
    genes = serializers.SerializerMethodField(help_text="HGNC symbols the link is about.")

    class Meta:
        model = TherapyLink
        fields = ["condition_name", "condition_slug", "genes", "status", "current_status",
                  "approved_now", "approved_regions", "boxed_warning", "caveats",
                  "regulatory_events", "orphan_approvals", "population", "not_confirmed",
                  "mechanism", "note", "citations", "phase",
                  "approval_year_fda", "approval_year_ema", "evidence_level", "variant_scope",
                  "variant_rule", "pmids", "nct_ids", "urls", "verification", "source",
                  "source_url", "retrieved_on", "editor_values"]  # fmt: skip

    def get_genes(self, obj: TherapyLink) -> list[str]:
        return [gene.symbol for gene in obj.genes.all()]


class TherapySerializer(serializers.ModelSerializer):
    class Meta:
        model = Therapy
        fields = ["id", "name", "slug", "synonyms", "modality", "mechanism", "source",
                  "source_url", "retrieved_on"]  # fmt: skip


class TherapyDetailSerializer(TherapySerializer):
    other_names = serializers.SerializerMethodField(
        help_text="Other generic names its sources give it (the page's 'Also known as', after "
        "the brands in synonyms)."
    )
    editor_values = EditorValueSerializer(
        many=True,
        read_only=True,
        help_text="Fields an editor set that the record's source does not say, each with its "
        "own source and date (source and retrieved_on are the source's, for the other fields).",
    )
    links = TherapyLinkSerializer(many=True, read_only=True)

    class Meta(TherapySerializer.Meta):
        fields = [*TherapySerializer.Meta.fields, "other_names", "editor_values", "notes", "links"]

    def get_other_names(self, obj: Therapy) -> list[str]:
        return therapy_other_names(obj)

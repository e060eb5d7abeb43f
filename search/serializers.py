"""Output serializers of the search API (they never query)."""

from __future__ import annotations

from rest_framework import serializers


class SameNameSerializer(serializers.Serializer):
    type = serializers.CharField(source="doc_type")
    id = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()


class HitSerializer(serializers.Serializer):
    type = serializers.CharField(source="doc_type")
    id = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()
    snippet = serializers.CharField(help_text="Safe HTML; matched words are wrapped in <mark>.")
    score = serializers.FloatField()
    extra = serializers.DictField()
    also = SameNameSerializer(
        many=True,
        help_text="Records of the same name shown on this line: the same disease in another "
        "source (OMIM, DECIPHER), or the HPO sign named as it is. Each is counted in `total`.",
    )


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    count = serializers.IntegerField()
    count_is_lower_bound = serializers.BooleanField(
        help_text="True when counting stopped at the cap: a type has more than `count` "
        "matches; any other facet value at least `count`."
    )


class SignFoundSerializer(serializers.Serializer):
    hpo_id = serializers.CharField()
    name = serializers.CharField(help_text="The HPO term.")
    words = serializers.CharField(help_text="The user's own words for this sign.")
    url = serializers.CharField()
    negated = serializers.BooleanField(help_text="Said to be absent; not used for ranking.")
    removed = serializers.BooleanField(help_text="Removed by the user (drop=HP:...).")
    relative = serializers.BooleanField(
        help_text="Said of someone else in the family; shown, not used for ranking."
    )


class ConditionCandidateSerializer(serializers.Serializer):
    id = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()
    score = serializers.FloatField()
    matched = serializers.ListField(
        child=serializers.CharField(), help_text="The signs it matched, in the user's words."
    )
    source = serializers.CharField(help_text="Where the condition's signs come from.")


class DescribedSerializer(serializers.Serializer):
    signs = SignFoundSerializer(many=True)
    conditions = ConditionCandidateSerializer(many=True)
    caution = serializers.CharField()


class IdentifierNoticeSerializer(serializers.Serializer):
    text = serializers.CharField()
    kind = serializers.CharField(help_text="variant, trial or publication")
    found = serializers.BooleanField(help_text="False: not in the knowledge base.")
    name = serializers.CharField()
    url = serializers.CharField(help_text="The record's page when found.")
    source_name = serializers.CharField(help_text="The database that holds such ids.")
    source_url = serializers.CharField(help_text="Look the id up there (when not found).")
    leads = serializers.CharField(
        help_text="When not found but the gene the line names is the first result: its name "
        "(the notice then comes after that result); empty otherwise."
    )


class RegionReadingSerializer(serializers.Serializer):
    text = serializers.CharField()
    read_as = serializers.CharField(
        help_text="What the line was read as, in plain words ('A loss of one copy of "
        "chromosome 15, bands q13.2 to q13.3')."
    )
    bands = serializers.CharField(
        help_text="The bands read, or the rearrangement read, as ISCN writes them "
        "('15q13.2q13.3', 't(11;22)(q23;q11.2)')."
    )
    change = serializers.CharField(
        help_text="loss, gain, or empty when the line does not say or moves material."
    )
    build = serializers.CharField(help_text="The genome build the line names, if any.")
    coordinates = serializers.CharField(help_text="The positions as the line gives them.")
    coordinates_used = serializers.BooleanField(
        help_text="Always false: only the bands are read (no band map per build is used)."
    )
    found = serializers.BooleanField(
        help_text="False: no condition in the knowledge base is named for these bands (or for "
        "the same change of their whole arm) or for this rearrangement."
    )
    note = serializers.CharField()
    source_name = serializers.CharField(help_text="The database to look the region up in.")
    source_url = serializers.CharField()
    clinvar_url = serializers.CharField(help_text="ClinVar's search for the region.")


class TreatmentPointerSerializer(serializers.Serializer):
    asked = serializers.CharField(help_text="The name in the question, in the user's words.")
    condition_id = serializers.CharField()
    condition_name = serializers.CharField()
    condition_url = serializers.CharField(help_text="The condition's page.")
    url = serializers.CharField(help_text="The treatments and studies for it (the page).")
    api_url = serializers.CharField(help_text="The same treatment search in this API.")


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    total_is_lower_bound = serializers.BooleanField(
        help_text="True when counting stopped at the cap: there are more than `total` results."
    )
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    did_you_mean = serializers.CharField(allow_null=True)
    backend = serializers.CharField()
    degraded = serializers.BooleanField()
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
    results = HitSerializer(many=True)
    identifier = IdentifierNoticeSerializer(
        allow_null=True,
        help_text="When an rsID, HGVS name, VCV, NCT or PMID was typed: its record, or a note "
        "that it is not in the knowledge base with a link to the source database.",
    )
    treatments = TreatmentPointerSerializer(
        allow_null=True,
        help_text="When the query asks about a condition's treatments ('is there a treatment "
        "for pompe disease'): the condition it names and where its treatments and studies "
        "are; null otherwise.",
    )
    region = RegionReadingSerializer(
        allow_null=True,
        help_text="When the query names a chromosome region (a microarray or karyotype line, "
        "'16p11.2 deletion'): what it was read as; the results are the conditions named for an "
        "overlapping region, then the genes that cause a condition found there. For a "
        "rearrangement ('46,XX,t(11;22)(q23;q11.2)'), the conditions whose names carry it. "
        "Null otherwise.",
    )
    described = DescribedSerializer(
        allow_null=True,
        help_text=(
            "When the query reads as a description of signs: the signs found and the "
            "conditions that can cause them (shown above the results as 'Conditions that "
            "can cause these signs'); null otherwise."
        ),
    )


class SuggestionSerializer(serializers.Serializer):
    type = serializers.CharField(source="doc_type")
    id = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()
    detail = serializers.CharField()


class AutocompleteResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    results = SuggestionSerializer(many=True)

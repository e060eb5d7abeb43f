"""Output serializers of the search API (they never query)."""

from __future__ import annotations

from rest_framework import serializers


class HitSerializer(serializers.Serializer):
    type = serializers.CharField(source="doc_type")
    id = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()
    snippet = serializers.CharField(help_text="Safe HTML; matched words are wrapped in <mark>.")
    score = serializers.FloatField()
    extra = serializers.DictField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    count = serializers.IntegerField()


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    did_you_mean = serializers.CharField(allow_null=True)
    backend = serializers.CharField()
    degraded = serializers.BooleanField()
    facets = serializers.DictField(child=FacetValueSerializer(many=True))
    results = HitSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    type = serializers.CharField(source="doc_type")
    id = serializers.CharField()
    name = serializers.CharField()
    url = serializers.CharField()
    detail = serializers.CharField()


class AutocompleteResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    results = SuggestionSerializer(many=True)

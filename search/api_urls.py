"""/api/v1/search/ routes."""

from django.urls import path

from search.api import SearchApi, SearchAutocompleteApi

urlpatterns = [
    path("", SearchApi.as_view(), name="search"),
    path("autocomplete/", SearchAutocompleteApi.as_view(), name="search-autocomplete"),
]

from django.urls import path

from search import views
from search.api import SiteAutocompleteApi

app_name = "search"
urlpatterns = [
    path("search", views.search_page, name="search"),
    path("search/autocomplete", SiteAutocompleteApi.as_view(), name="autocomplete"),
]

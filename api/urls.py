"""/api/v1/: the resource routes, search and the OpenAPI schema."""

from django.urls import include, path

app_name = "api"
urlpatterns = [
    path("search/", include("search.api_urls")),
    path("", include("api.routes")),
]

"""Top-level URLs: each app brings its own."""

from django.contrib import admin
from django.urls import include, path

from rarelabs.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("", include("pages.urls")),
    path("", include("trials.urls")),
    path("", include("literature.urls")),
    path("", include("treatments.urls")),
    path("", include("cases.urls")),
    path("", include("search.urls")),
    path("", include("content.urls")),
]

handler404 = "content.views.page_not_found"

from django.urls import path, re_path

from treatments import views

app_name = "treatments"
urlpatterns = [
    path("treatments", views.treatment_search, name="search"),
    re_path(r"^treatments/export\.(?P<fmt>csv|ris|bib)$", views.treatment_export, name="export"),
    re_path(
        r"^treatments/autocomplete/(?P<kind>condition|phenotype)$",
        views.autocomplete,
        name="autocomplete",
    ),
]

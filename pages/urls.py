from django.urls import path

from pages import views

app_name = "knowledge"
urlpatterns = [
    path("conditions/", views.condition_list, name="condition-list"),
    path("conditions/<slug:slug>/", views.condition_detail, name="condition-detail"),
    path("genes/<str:symbol>/", views.gene_detail, name="gene-detail"),
    path("variants/<int:pk>/", views.variant_detail, name="variant-detail"),
    path("phenotypes/<str:hpo_id>/", views.phenotype_detail, name="phenotype-detail"),
    path("therapies/", views.therapy_list, name="therapy-list"),
    path("therapies/<slug:slug>/", views.therapy_detail, name="therapy-detail"),
]

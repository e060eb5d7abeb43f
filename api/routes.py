"""Resource viewsets, treatment search, the OpenAPI schema and its docs page."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from api import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("conditions", views.ConditionViewSet, basename="condition")
router.register("genes", views.GeneViewSet, basename="gene")
router.register("phenotypes", views.PhenotypeViewSet, basename="phenotype")
router.register("variants", views.VariantViewSet, basename="variant")
router.register("therapies", views.TherapyViewSet, basename="therapy")
router.register("trials", views.TrialViewSet, basename="trial")
router.register("publications", views.PublicationViewSet, basename="publication")
router.register("articles", views.ArticleViewSet, basename="article")

urlpatterns = [
    path("treatments/", views.TreatmentSearchApi.as_view(), name="treatments"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]

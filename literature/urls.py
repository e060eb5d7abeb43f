from django.urls import path

from literature import views

app_name = "literature"
urlpatterns = [
    path("publications/<str:pmid>/", views.publication_detail, name="publication-detail"),
]

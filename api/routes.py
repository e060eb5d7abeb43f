"""Resource viewsets, treatment search and the schema (filled in by the API issue)."""

urlpatterns: list = []

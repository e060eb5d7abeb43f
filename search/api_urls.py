"""/api/v1/search/ routes (filled in by the search issue)."""

urlpatterns: list = []

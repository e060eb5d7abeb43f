"""API serializers, one module per domain. Serializers never query: viewsets prefetch."""

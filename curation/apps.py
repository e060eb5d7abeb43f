from django.apps import AppConfig


class CurationConfig(AppConfig):
    """What editors do: the admin console, review queue, merges and label changes; no models."""

    name = "curation"
    verbose_name = "Curation"

from django.apps import AppConfig


class KbimportConfig(AppConfig):
    """Source parsers, importers and their commands; it owns no models."""

    name = "kbimport"
    verbose_name = "Knowledge base import"

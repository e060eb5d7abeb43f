from django.apps import AppConfig


class RarelabsConfig(AppConfig):
    name = "rarelabs"
    verbose_name = "RareLabs"

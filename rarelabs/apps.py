from django.apps import AppConfig


class RarelabsConfig(AppConfig):
    name = "rarelabs"
    verbose_name = "RareLabs"

    def ready(self) -> None:
        # Page-cache invalidation only; see rarelabs/pagecache.py for why it is registered here.
        from rarelabs import pagecache

        pagecache.register()

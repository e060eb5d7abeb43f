from django.apps import AppConfig


class ContentConfig(AppConfig):
    name = "content"

    def ready(self) -> None:
        # Page-cache invalidation only; see content/cache.py for why it is registered here.
        from content import cache

        cache.register()

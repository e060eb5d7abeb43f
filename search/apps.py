"""The search app: loads every app's document declarations and the reindex signals."""

from __future__ import annotations

from importlib import import_module

from django.apps import AppConfig, apps


class SearchConfig(AppConfig):
    name = "search"

    def ready(self) -> None:
        # Each app declares its documents in <app>/search.py (NetBox-style registry).
        for config in apps.get_app_configs():
            if config.name == self.name:
                continue
            try:
                import_module(f"{config.name}.search")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.search":
                    raise
        from search import signals

        signals.connect()

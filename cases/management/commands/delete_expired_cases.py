"""Delete saved cases past their expiry now (beat also runs this daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cases.services import cases_expired_delete


class Command(BaseCommand):
    help = "Delete every saved case whose link has expired."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"deleted {cases_expired_delete()} expired saved case(s)")

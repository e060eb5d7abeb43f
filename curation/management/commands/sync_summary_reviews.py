"""Fill the editors' summary queue now (the load queues the same job in the background)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from knowledge.summary_reviews import summary_reviews_sync


class Command(BaseCommand):
    help = "Store each condition's computer-written summary; requeue approved ones that changed."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = summary_reviews_sync()
        if counts.skipped:
            self.stdout.write("summaries: skipped, a sync of all conditions is already running")
            return
        self.stdout.write(
            f"summaries: {counts.queued} new in the queue, {counts.requeued} back in the queue "
            f"(text changed after approval), {counts.changed} other texts updated, "
            f"{counts.unchanged} unchanged"
        )

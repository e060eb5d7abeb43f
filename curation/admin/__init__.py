"""The editors' console for the knowledge base, trials and publications (registered on import by
admin autodiscovery of the curation app)."""

from curation.admin import conditions, literature, orphan, reference, summaries, therapies, trials

__all__ = [
    "conditions",
    "literature",
    "orphan",
    "reference",
    "summaries",
    "therapies",
    "trials",
]

"""The editors' console for the knowledge base, trials and publications (registered on import by
admin autodiscovery of the curation app)."""

from curation.admin import conditions, literature, orphan, reference, therapies, trials

__all__ = ["conditions", "literature", "orphan", "reference", "therapies", "trials"]

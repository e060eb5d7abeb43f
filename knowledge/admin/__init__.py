"""The editors' console for the knowledge base (registered on import by admin autodiscovery)."""

from knowledge.admin import conditions, reference, therapies

__all__ = ["conditions", "reference", "therapies"]

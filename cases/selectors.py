"""Read saved cases: only by the token of their link, never listed."""

from __future__ import annotations

import hashlib

from django.utils import timezone

from cases.facts import CaseFacts
from cases.models import SavedCase
from knowledge.models import Condition


def token_hash(token: str) -> str:
    """The SHA-256 a link's token is stored as."""
    return hashlib.sha256(token.encode()).hexdigest()


def saved_case_get(*, token: str) -> SavedCase | None:
    """The live saved case behind a link's token; None when wrong or expired."""
    if not token or len(token) > 100:
        return None
    return SavedCase.objects.filter(
        token_hash=token_hash(token), expires_at__gt=timezone.now()
    ).first()


def saved_case_get_by_unsubscribe(*, token: str) -> SavedCase | None:
    """The saved case whose alert email the token removes."""
    if not token or len(token) > 100:
        return None
    return SavedCase.objects.filter(unsubscribe_hash=token_hash(token)).first()


def saved_case_facts(case: SavedCase) -> CaseFacts:
    """The case as CaseFacts."""
    return CaseFacts.from_dict(case.facts)


def condition_name_for_slug(*, slug: str) -> str:
    """The name of the condition a condition page's link names, or ''."""
    if not slug or len(slug) > 200:
        return ""
    return Condition.objects.filter(slug=slug).values_list("name", flat=True).first() or ""

"""Who may do what through the API: anyone reads; nobody edits here (editing is the admin's).

The resource viewsets are read-only. They still check Django's model permissions, so a write is
refused by role first (anonymous 403, a role without the permission 403) and only then by method
(405): a future writable route cannot silently fall back to "any staff member may write".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    DjangoModelPermissionsOrAnonReadOnly,
)

if TYPE_CHECKING:  # rest_framework.views imports settings that import this module
    from rest_framework.request import Request
    from rest_framework.views import APIView


class ReadOnly(BasePermission):
    """Operations (search, treatment search): safe methods only, for everyone."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.method in SAFE_METHODS


class ModelPermissionsOrAnonReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """Reads for everyone; anything else needs the model's own Django permission."""

    # DRF's map lets GET through without `view_*`; the public reads, so that is what we want.

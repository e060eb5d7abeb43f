"""Who may do what through the API: the public reads, staff write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.permissions import SAFE_METHODS, BasePermission

if TYPE_CHECKING:  # rest_framework.views imports settings that import this module
    from rest_framework.request import Request
    from rest_framework.views import APIView


class ReadOnlyOrStaff(BasePermission):
    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_staff)

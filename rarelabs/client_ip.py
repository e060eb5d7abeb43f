"""The client's address, trusting X-Forwarded-For only from the proxies we were told about."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """REMOTE_ADDR, or with NUM_PROXIES=n the address the n-th proxy from us saw.

    Any client can send X-Forwarded-For; only a configured proxy's own entry (the right-most n)
    is trustworthy, which is how DRF's throttle reads the same setting.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote
    addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
    if not addresses:
        return remote
    return addresses[-min(proxies, len(addresses))]

"""Whole-page cache for anonymous readers, invalidated by a generation counter.

Any save or delete of a model the public pages show bumps one counter in Redis; cached pages
carry the counter in their key, so a change makes every older page unreachable at once (they
expire on their own). The key also carries a digest of the code and templates that render the
pages, so a deploy never serves the previous release's pages. This is the one signal receiver outside `search/signals.py`: it only
invalidates a cache, which the style guide allows. It is a shared utility (every app's pages use
it), so it lives in `rarelabs/` and `RarelabsConfig.ready()` calls `register()`. Bulk writes
(`bulk_create`, `QuerySet.update`) send no signals, so importers call `page_cache_invalidate()`
when they finish; the cache timeout bounds the rest.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

WATCHED_APPS = frozenset({"knowledge", "trials", "literature", "content"})
PAGE_TIMEOUT_SECONDS = 600
_DISPATCH_UID = "rarelabs.pagecache.page_cache_invalidate"
# A cached page must not hand one visitor's CSRF token to the next: the token in a stored form is
# swapped for a placeholder, and every hit fills in the reader's own (which also sets their cookie).
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
_CSRF_PLACEHOLDER = b"__rarelabs_csrf_token__"


# Folders under BASE_DIR that hold no code or template a page is rendered with.
_NOT_RENDERING = frozenset(
    {"tests", "benchmarks", "docs", "data", "fixtures", "migrations", "static", "staticfiles"}
    | {"var", "node_modules", "test-artifacts", "__pycache__"}
)


@functools.cache
def release_digest(base: str | None = None) -> str:
    """A digest of the Python code and the templates under `base` (the project): pages cached
    by one release are not served by the next (~400 files, ~5 ms once per process)."""
    root = str(base or settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            name for name in subfolders if name not in _NOT_RENDERING and not name.startswith(".")
        )
        for name in sorted(files):
            if name.endswith((".py", ".html")):
                path = os.path.join(folder, name)
                digest.update(os.path.relpath(path, root).encode())
                with open(path, "rb") as source:
                    digest.update(source.read())
    return digest.hexdigest()[:12]


def _namespace() -> str:
    # The database name keeps parallel test databases and the dev site from sharing pages.
    return f"pages:{connection.settings_dict['NAME']}:{release_digest()}"


def page_cache_generation() -> int:
    """The current page generation (starts at 1)."""
    key = f"{_namespace()}:generation"
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, timeout=None)
        value = cache.get(key, 1)
    return int(value)


def page_cache_invalidate() -> None:
    """Make every cached page stale by bumping the generation."""
    key = f"{_namespace()}:generation"
    try:
        cache.incr(key)
    except ValueError:  # the key was missing: start a fresh generation
        cache.set(key, 2, timeout=None)


def page_cache_invalidate_on_commit() -> None:
    """Bump now and again when the current transaction commits: a page rendered from the old
    rows between the save and the commit would otherwise be cached under the new generation."""
    page_cache_invalidate()
    transaction.on_commit(page_cache_invalidate, robust=True)


def _on_change(sender: type, **kwargs: Any) -> None:
    if sender._meta.app_label in WATCHED_APPS:
        page_cache_invalidate_on_commit()


def register() -> None:
    """Connect the invalidation receivers (called once from RarelabsConfig.ready)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_change, dispatch_uid=f"{_DISPATCH_UID}:{id(signal)}", weak=False)


def _has_session(request: HttpRequest) -> bool:
    # Only editors sign in (the public site keeps nothing in sessions): a session means pages
    # may differ per reader, so such a request never reads or fills the shared cache.
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or "preview" in request.GET:
        return False
    if _has_session(request):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _page_key(request: HttpRequest, params: tuple[str, ...]) -> str:
    # Only the parameters the view reads make a page different: `?x=1`, `?x=2`, ... share one
    # entry instead of each adding one (which grew Redis without bound). Every value of a
    # repeated parameter counts, whole (the digest bounds the key), so two searches differing
    # in a facet or after the 100th character never share a page.
    parts = [request.path] + [f"{name}={request.GET.getlist(name)!r}" for name in params]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
    return f"{_namespace()}:{page_cache_generation()}:{digest}"


def cache_page_for_anonymous(
    view: Callable[..., HttpResponse] | None = None,
    *,
    params: tuple[str, ...] | Callable[[], tuple[str, ...]] = (),
) -> Any:
    """Serve a view's 200 responses from Redis for anonymous GETs, keyed by generation, path
    and the query parameters the view reads (`params`, or a callable returning them when the
    names are only known once the apps are loaded); use bare or as `(params=(...))`."""
    if view is None:
        return functools.partial(cache_page_for_anonymous, params=params)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        # PageCacheMiddleware already looked this page up and missed: no second round trip.
        key = getattr(request, "_page_cache_missed", None)
        if key is None:
            key = _page_key(request, params() if callable(params) else params)
            response = _cached_response(request, key)
            if response is not None:
                return response
        response = view(request, *args, **kwargs)
        # A page that sets a cookie of its own belongs to its reader: never shared.
        if response.status_code == 200 and not response.streaming and not response.cookies:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            stored = _CSRF_INPUT.sub(rb"\1" + _CSRF_PLACEHOLDER + rb"\2", response.content)
            cache.set(key, (stored, response["Content-Type"]), PAGE_TIMEOUT_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    # Copied onto the outer decorators by functools.wraps: PageCacheMiddleware reads it.
    wrapper.page_cache_params = params  # type: ignore[attr-defined]
    return wrapper


def _cached_response(request: HttpRequest, key: str) -> HttpResponse | None:
    hit = cache.get(key)
    if hit is None:
        return None
    content, content_type = hit
    if _CSRF_PLACEHOLDER in content:
        content = content.replace(_CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, content_type=content_type)
    response["X-Page-Cache"] = "hit"
    return response


class PageCacheMiddleware:
    """Answer an anonymous reader's cached page before sessions, auth, messages, history and
    axes run (a hit cost ~1.3 ms of server CPU through the whole stack; issue 14 item 10).

    Sits after SecurityMiddleware, WhiteNoise and CSPMiddleware, so their headers and the SSL
    redirect still apply. What the skipped middleware would add to a hit is added here by
    Django's own code: CSRF (the reader's token in the page and its cookie), X-Frame-Options,
    Content-Length, and `Vary: Cookie` (the full stack varies on the session it read). A
    request with a session cookie, any method but GET/HEAD, or a path whose view is not page
    cached goes down the whole stack as before; a miss is rendered there too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._csrf = CsrfViewMiddleware(get_response)
        self._frame = XFrameOptionsMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self._early(request) if _cacheable(request) else None
        return response if response is not None else self.get_response(request)

    def _early(self, request: HttpRequest) -> HttpResponse | None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        params = getattr(match.func, "page_cache_params", None)
        if params is None:
            return None
        request.get_host()  # refuses a host outside ALLOWED_HOSTS (400), as CommonMiddleware does
        self._csrf.process_request(request)
        key = _page_key(request, params() if callable(params) else params)
        response = _cached_response(request, key)
        if response is None:
            request._page_cache_missed = key  # type: ignore[attr-defined]
            return None
        response = self._csrf.process_response(request, response)
        response = self._frame.process_response(request, response)
        patch_vary_headers(response, ("Cookie",))
        response.headers["Content-Length"] = str(len(response.content))
        return response

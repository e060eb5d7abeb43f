"""Cached pages are answered before the session, auth and messages middleware (issue 14 item
10), with the same headers as a rendered page; a reader with a session always gets a fresh one."""

from __future__ import annotations

import pytest
from django.test import Client

from knowledge.models import Condition
from rarelabs.pagecache import page_cache_invalidate
from tests.factories.knowledge import ConditionFactory

pytestmark = pytest.mark.django_db

_VOLATILE = {"X-Page-Cache"}  # the one header that tells a hit from a miss


@pytest.fixture(autouse=True)
def _fresh_page_cache() -> None:
    page_cache_invalidate()


@pytest.fixture
def condition() -> Condition:
    return ConditionFactory(slug="dravet-syndrome", name="Dravet syndrome")


def test_a_hit_carries_the_same_headers_as_the_rendered_page(condition: Condition) -> None:
    rendered = Client().get("/conditions/dravet-syndrome/")
    cached = Client().get("/conditions/dravet-syndrome/")
    assert (rendered["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
    assert cached.content == rendered.content
    assert "default-src 'self'" in cached["Content-Security-Policy"]
    assert cached["X-Frame-Options"] == "DENY"
    assert cached["X-Content-Type-Options"] == "nosniff"
    assert cached["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert cached["Vary"] == "Cookie"
    assert int(cached["Content-Length"]) == len(cached.content)
    same = {k: v for k, v in rendered.headers.items() if k not in _VOLATILE}
    assert {k: v for k, v in cached.headers.items() if k not in _VOLATILE} == same


def test_a_hit_never_loads_the_session(condition: Condition) -> None:
    Client().get("/conditions/dravet-syndrome/")
    cached = Client().get("/conditions/dravet-syndrome/")
    assert cached["X-Page-Cache"] == "hit"
    # Answered before SessionMiddleware and AuthenticationMiddleware ran.
    assert not hasattr(cached.wsgi_request, "session")
    assert not hasattr(cached.wsgi_request, "user")


def test_a_reader_with_a_session_never_gets_a_cached_page(
    condition: Condition, admin_client: Client
) -> None:
    """Was: only `user.is_authenticated` was checked, so a session whose user was gone or not
    yet loaded could read and fill the shared cache."""
    Client().get("/conditions/dravet-syndrome/")
    with_session = Client()
    with_session.cookies["sessionid"] = "a-session-the-server-does-not-know"
    page = with_session.get("/conditions/dravet-syndrome/")
    assert page.status_code == 200
    assert "X-Page-Cache" not in page
    assert "X-Page-Cache" not in admin_client.get("/conditions/dravet-syndrome/")


def test_a_change_shows_on_the_next_anonymous_request(condition: Condition) -> None:
    reader = Client()
    reader.get("/conditions/dravet-syndrome/")
    assert reader.get("/conditions/dravet-syndrome/")["X-Page-Cache"] == "hit"
    condition.name = "Dravet syndrome (severe myoclonic epilepsy of infancy)"
    condition.save()
    page = reader.get("/conditions/dravet-syndrome/")
    assert page["X-Page-Cache"] == "miss"
    assert "severe myoclonic epilepsy of infancy" in page.content.decode()


def test_a_foreign_host_is_refused_before_a_hit(condition: Condition) -> None:
    Client().get("/conditions/dravet-syndrome/")
    assert Client().get("/conditions/dravet-syndrome/", HTTP_HOST="evil.example").status_code == 400


def test_a_new_release_does_not_serve_the_last_releases_pages(tmp_path) -> None:
    """Was: a deploy that changed a template kept serving the old page from Redis until the
    page expired (up to 10 minutes); the key carries a digest of the rendering code now."""
    from rarelabs.pagecache import release_digest

    (tmp_path / "pages").mkdir()
    template = tmp_path / "pages" / "page.html"
    template.write_text("<p>old</p>")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text("x = 1")
    before = release_digest(str(tmp_path))
    release_digest.cache_clear()
    (tmp_path / "tests" / "test_x.py").write_text("x = 2")  # tests render no page
    assert release_digest(str(tmp_path)) == before
    release_digest.cache_clear()
    template.write_text("<p>new</p>")
    assert release_digest(str(tmp_path)) != before
    release_digest.cache_clear()
    assert release_digest() in _page_key_for("/")


def _page_key_for(path: str) -> str:
    from django.test import RequestFactory

    from rarelabs.pagecache import _page_key

    return _page_key(RequestFactory().get(path), ())

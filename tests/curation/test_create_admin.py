"""The first administrator comes from environment variables; running again changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery-staple-7"


@pytest.fixture
def admin_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RARELABS_ADMIN_USERNAME", "root-editor")
    monkeypatch.setenv("RARELABS_ADMIN_EMAIL", "root@example.org")
    monkeypatch.setenv("RARELABS_ADMIN_PASSWORD", PASSWORD)


def run() -> str:
    out = StringIO()
    call_command("create_admin", stdout=out)
    return out.getvalue()


def test_create_admin_creates_one_administrator_and_is_idempotent(admin_env: None) -> None:
    assert "created administrator 'root-editor'" in run()
    user = User.objects.get(username="root-editor")
    assert user.is_staff
    assert user.is_superuser
    assert user.email == "root@example.org"
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == ["Administrator"]
    before = (user.password, user.last_login, user.date_joined)

    assert "nothing changed" in run()
    assert User.objects.filter(username="root-editor").count() == 1
    again = User.objects.get(username="root-editor")
    assert (again.password, again.last_login, again.date_joined) == before


def test_create_admin_needs_the_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RARELABS_ADMIN_USERNAME", raising=False)
    monkeypatch.delenv("RARELABS_ADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="RARELABS_ADMIN_USERNAME"):
        run()
    assert not User.objects.exists()


def test_create_admin_refuses_a_weak_password(
    admin_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RARELABS_ADMIN_PASSWORD", "password")
    with pytest.raises(CommandError, match="password refused"):
        run()
    assert not User.objects.filter(username="root-editor").exists()

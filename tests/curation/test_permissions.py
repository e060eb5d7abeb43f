"""Who may reach what: anonymous users, editors and administrators; login guessing; sessions."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import Client

from rarelabs.management.roles import ADMINISTRATOR, EDITOR
from tests.curation.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/knowledge/condition/", "/admin/content/article/add/"]
)
def test_anonymous_users_are_sent_to_the_login_page(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/admin/login/?next={url}")


@pytest.mark.parametrize(
    "url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"]
)
def test_an_editor_cannot_reach_user_or_group_admin(editor_client: Client, url: str) -> None:
    assert editor_client.get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/admin/knowledge/condition/",
        "/admin/knowledge/therapy/add/",
        "/admin/knowledge/therapylink/",
        "/admin/content/article/add/",
        "/admin/trials/triallink/",
        "/admin/literature/publicationlink/",
        "/admin/ingest/refreshrun/",
    ],
)
def test_an_editor_reaches_the_curation_pages(editor_client: Client, url: str) -> None:
    assert editor_client.get(url).status_code == 200


def test_an_editor_cannot_add_conditions_or_edit_trials(editor_client: Client) -> None:
    assert editor_client.get("/admin/knowledge/condition/add/").status_code == 403
    assert editor_client.get("/admin/trials/clinicaltrial/add/").status_code == 403


def test_an_administrator_manages_users(administrator_client: Client) -> None:
    assert administrator_client.get("/admin/auth/user/").status_code == 200
    assert administrator_client.get("/admin/auth/group/").status_code == 200


def test_the_groups_migration_creates_both_roles_with_their_permissions() -> None:
    """Unapplying and reapplying rarelabs 0002 removes and recreates the groups."""
    call_command("migrate", "rarelabs", "0001", verbosity=0)
    assert not Group.objects.filter(name__in=[EDITOR, ADMINISTRATOR]).exists()
    call_command("migrate", "rarelabs", "0002", verbosity=0)
    editor_perms = set(
        Group.objects.get(name=EDITOR).permissions.values_list("codename", flat=True)
    )
    assert {
        "change_article",
        "change_condition",
        "add_therapylink",
        "change_triallink",
        "view_historicalcondition",
        "view_gene",
    } <= editor_perms
    assert not {"view_user", "change_user", "change_group", "add_condition"} & editor_perms
    admin_perms = Group.objects.get(name=ADMINISTRATOR).permissions.count()
    assert admin_perms == Permission.objects.count()


def test_login_is_refused_after_five_wrong_passwords() -> None:
    make_user("guessme", group=EDITOR)
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "guessme", "password": "wrong-guess"})
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "guessme", "password": PASSWORD}
    )
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_right_password_works_before_the_limit() -> None:
    make_user("rightaway", group=EDITOR)
    client = Client(REMOTE_ADDR="203.0.113.10")
    client.post("/admin/login/", {"username": "rightaway", "password": "wrong-guess"})
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "rightaway", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_admin_sessions_end_with_the_browser_and_expire() -> None:
    make_user("sessions", group=EDITOR)
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "sessions", "password": PASSWORD}
    )
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""  # a browser-session cookie
    assert client.session.get_expire_at_browser_close()
    assert 0 < client.session.get_expiry_age() <= 12 * 3600

"""Users in each role, and logged-in clients for them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from rarelabs.management.roles import ADMINISTRATOR, EDITOR, roles_sync

PASSWORD = "a-long-test-passphrase-42"


def make_user(username: str, *, group: str | None, staff: bool = True) -> User:
    """A user with a usable password, in `group` (the groups come from roles_sync)."""
    roles_sync()
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD, is_staff=staff)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db: None) -> User:
    return make_user("edna", group=EDITOR)


@pytest.fixture
def administrator(db: None) -> User:
    return make_user("ada", group=ADMINISTRATOR)


@pytest.fixture
def editor_client(editor: User) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def administrator_client(administrator: User) -> Client:
    client = Client()
    client.force_login(administrator)
    return client

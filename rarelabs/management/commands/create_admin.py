"""Create the first administrator from RARELABS_ADMIN_USERNAME / _EMAIL / _PASSWORD (idempotent)."""

from __future__ import annotations

import os
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from rarelabs.management.roles import ADMINISTRATOR, roles_sync


class Command(BaseCommand):
    help = (
        "Create the first administrator from the environment variables RARELABS_ADMIN_USERNAME, "
        "RARELABS_ADMIN_EMAIL and RARELABS_ADMIN_PASSWORD. Running it again changes nothing."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        username = os.environ.get("RARELABS_ADMIN_USERNAME", "").strip()
        email = os.environ.get("RARELABS_ADMIN_EMAIL", "").strip()
        password = os.environ.get("RARELABS_ADMIN_PASSWORD", "")
        if not username or not password:
            raise CommandError("set RARELABS_ADMIN_USERNAME and RARELABS_ADMIN_PASSWORD")
        user_model = get_user_model()
        with transaction.atomic():
            roles_sync()
            user = user_model.objects.filter(username=username).first()
            if user is not None:
                user.groups.add(Group.objects.get(name=ADMINISTRATOR))
                self.stdout.write(f"administrator {username!r} exists; nothing changed")
                return
            user = user_model(username=username, email=email, is_staff=True, is_superuser=True)
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError("password refused: " + " ".join(error.messages)) from error
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=ADMINISTRATOR))
        self.stdout.write(self.style.SUCCESS(f"created administrator {username!r}"))

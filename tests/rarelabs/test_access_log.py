"""The real web command's access log: what was asked for, never what a family typed."""

from __future__ import annotations

import os
import urllib.parse
from pathlib import Path

from django.db import connection

from tests.rarelabs.webserver import free_address, get, web_server

CASE_WORDS = "my son has seizures and cannot walk"


def _control_socket() -> Path:
    """Where gunicorn would put its runtime control socket for this environment."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return Path(runtime) / "gunicorn.ctl"
    return Path.home() / ".gunicorn" / "gunicorn.ctl"


def test_access_log_keeps_paths_not_queries(transactional_db: None, tmp_path: Path) -> None:
    query = urllib.parse.urlencode({"q": CASE_WORDS})
    log_path = tmp_path / "access.log"
    env = {"RARELABS_DB_NAME": connection.settings_dict["NAME"]}
    _control_socket().unlink(missing_ok=True)  # a stale one an older site left
    with log_path.open("w") as log, web_server(free_address(), env, 1, stdout=log) as url:
        for page in (f"/search?{query}", f"/api/v1/search/?{query}"):
            status, *_ = get(url + page, timeout=60)
            assert status == 200, page
        status, *_ = get(f"{url}/search?{query}", timeout=60)
        # The site opens no control socket that another gunicorn of this user would share.
        assert not _control_socket().exists()
    text = log_path.read_text()
    lines = [line for line in text.splitlines() if '"GET /search"' in line]
    assert len(lines) == 2, text  # one line a request, the path kept
    assert '"GET /api/v1/search/"' in text
    assert "seizures" not in text
    assert "q=" not in text


def test_access_log_masks_saved_case_tokens(transactional_db: None, tmp_path: Path) -> None:
    """A saved case's link is its only key (issue 17, X21): the access log kept it whole, where
    Django's own log lines already masked it."""
    token, unsubscribe = "AbCdEfSecretToken123", "ZzSecretUnsub999"
    log_path = tmp_path / "access.log"
    env = {"RARELABS_DB_NAME": connection.settings_dict["NAME"]}
    with log_path.open("w") as log, web_server(free_address(), env, 1, stdout=log) as url:
        for page in (f"/your-case/s/{token}/", f"/your-case/unsubscribe/{unsubscribe}/"):
            get(url + page, timeout=60)
    text = log_path.read_text()
    assert '"GET /your-case/s/…/"' in text, text
    assert '"GET /your-case/unsubscribe/…/"' in text, text
    assert token not in text
    assert unsubscribe not in text

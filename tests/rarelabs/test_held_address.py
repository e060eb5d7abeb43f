"""The test web server's port is held from the moment it is chosen (`tests.rarelabs.webserver`)."""

from __future__ import annotations

import errno
import socket

import pytest

from tests.rarelabs.webserver import _serving_on, free_address


def test_no_other_process_can_bind_the_chosen_port() -> None:
    # The probe socket used to be closed before gunicorn bound the port: another test's server
    # (or any process) could take it in between.
    address = free_address()
    with address.listener, socket.socket() as rival:
        with pytest.raises(OSError) as refused:
            rival.bind(("127.0.0.1", address.site.port))
        assert refused.value.errno == errno.EADDRINUSE


def test_gunicorn_serves_on_the_held_socket() -> None:
    command = ["gunicorn", "app", "--bind", "127.0.0.1:8000", "--workers", "1"]
    assert _serving_on(command, 7) == ["gunicorn", "app", "--bind", "fd://7", "--workers", "1"]

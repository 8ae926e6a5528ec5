"""Loopback port checks: fail fast with the setting to change instead of hanging."""

from __future__ import annotations

import socket
import time

from paracelsus_stack.errors import PortInUseError, StackError
from paracelsus_stack.settings import LOOPBACK, Port


def ensure_free(port: Port, service: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As the servers themselves bind: connections of a stopped server left in TIME_WAIT
        # do not make the port "in use", a listening socket still does.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port.number))
        except OSError:
            listening = is_listening(port.number)
            raise PortInUseError(port.number, port.variable, service, listening) from None


def is_listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((LOOPBACK, port)) == 0


def wait_listening(port: int, service: str, timeout_s: float, alive: object = None) -> None:
    """Wait until something accepts connections on the port, or fail naming the service.

    `alive` is an optional zero-argument callable; when it returns False the process died
    and waiting longer is pointless.
    """
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if is_listening(port):
            return
        if callable(alive) and not alive():
            raise StackError(f"{service} exited before listening on {LOOPBACK}:{port}")
        time.sleep(0.1)
    raise StackError(f"{service} did not listen on {LOOPBACK}:{port} within {timeout_s:.0f} s")


def free_port() -> int:
    """A port the OS reports free right now (for tests that start their own stack)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])

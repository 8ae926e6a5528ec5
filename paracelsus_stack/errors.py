"""Errors the stack reports to a person: each names the problem and the fix."""


class StackError(RuntimeError):
    """A problem with the local stack that the user can fix; printed without a traceback."""


class PortInUseError(StackError):
    def __init__(self, port: int, variable: str, service: str) -> None:
        super().__init__(
            f"port {port} on 127.0.0.1 is already in use, so {service} cannot start: "
            f"stop whatever listens there or choose another port with {variable}=<free port>"
        )

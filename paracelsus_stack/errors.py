"""Errors the stack reports to a person: each names the problem and the fix."""


class StackError(RuntimeError):
    """A problem with the local stack that the user can fix; printed without a traceback."""


class PortInUseError(StackError):
    def __init__(self, port: int, variable: str, service: str, listening: bool = True) -> None:
        if listening:
            problem, fix = "is already in use", "stop whatever listens there"
        else:
            # Nothing listens, yet the port is taken: an outgoing connection uses it as its
            # local port, or a closed one the OS keeps in TIME_WAIT for up to a minute.
            problem = "is held by a connection that is not a server (outgoing, or closing)"
            fix = "retry in a minute"
        super().__init__(
            f"port {port} on 127.0.0.1 {problem}, so {service} cannot start: "
            f"{fix} or choose another port with {variable}=<free port>"
        )

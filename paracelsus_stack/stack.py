"""Start, stop and describe the embedded local stack (idempotent, pid-file tracked)."""

from __future__ import annotations

from dataclasses import dataclass

from mock_hubspot.tls import ensure_tls_material
from paracelsus_stack import orchestration, postgres, processes, stack_file
from paracelsus_stack.environment import warehouse_dsn
from paracelsus_stack.errors import StackError
from paracelsus_stack.ports import ensure_free, wait_listening
from paracelsus_stack.services import ServiceSpec, service_env, service_specs, tls_dir
from paracelsus_stack.settings import LOOPBACK, StackSettings

SERVICE_START_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class ServiceStatus:
    name: str
    running: bool
    address: str
    # Started on request (`make orchestrate`), not by `make up`: its absence is no fault.
    optional: bool = False


def _say(message: str) -> None:
    print(f"==> {message}", flush=True)


def up(settings: StackSettings) -> None:
    running = stack_file.load(settings.state_dir)
    if (
        running is not None
        and running.services_differ(settings)
        and any(s.running for s in status(running))
    ):
        raise StackError(
            f"a stack started with other settings is running from {settings.state_dir}: "
            "run `make down` first, then `make up` with the new settings"
        )
    _ensure_ports_free(settings)
    stack_file.save(settings)
    _start_postgres(settings)
    ensure_tls_material(tls_dir(settings))
    for spec in service_specs(settings):
        _start_service(settings, spec)


def _ensure_ports_free(settings: StackSettings) -> None:
    """Check every port a not-yet-running service needs before starting any of them."""
    run_dir = settings.state_dir / "run"
    if not postgres.is_running(postgres.layout(settings)):
        ensure_free(settings.postgres_port, "PostgreSQL")
    for spec in service_specs(settings):
        record = processes.read_record(run_dir, spec.name)
        if record is None or not record.is_running():
            ensure_free(spec.port, spec.name)


def _start_postgres(settings: StackSettings) -> None:
    server = postgres.layout(settings)
    if postgres.is_running(server):
        _say(f"postgres already running on {LOOPBACK}:{settings.postgres_port.number}")
    else:
        ensure_free(settings.postgres_port, "PostgreSQL")
        if postgres.initialise(settings, server):
            _say(f"initialised PostgreSQL cluster in {server.data_dir}")
        postgres.start(settings, server)
        _say(f"postgres listening on {LOOPBACK}:{settings.postgres_port.number}")
    postgres.create_databases(settings)


def _start_service(settings: StackSettings, spec: ServiceSpec) -> None:
    run_dir = settings.state_dir / "run"
    record = processes.read_record(run_dir, spec.name)
    if record is not None and record.is_running():
        _say(f"{spec.name} already running at {record.address}")
        return
    ensure_free(spec.port, spec.name)
    record = processes.spawn(run_dir, spec.name, spec.command, spec.address, service_env(spec))
    try:
        wait_listening(spec.port.number, spec.name, SERVICE_START_TIMEOUT_S, record.is_running)
    except StackError as error:
        processes.terminate(record)
        log = processes.log_tail(record.log_file)
        raise StackError(f"{error}\n--- {record.log_file} ---\n{log}") from None
    _say(f"{spec.name} listening at {spec.address}")


def down(settings: StackSettings) -> None:
    run_dir = settings.state_dir / "run"
    for stopped in orchestration.stop(settings):  # first: it uses the warehouse
        _say(stopped)
    for spec in reversed(service_specs(settings)):
        record = processes.read_record(run_dir, spec.name)
        if record is None:
            continue
        if record.is_running():
            processes.terminate(record)
            _say(f"stopped {spec.name} (pid {record.pid})")
        processes.forget(run_dir, spec.name)
    server = postgres.layout(settings)
    if postgres.is_running(server):
        postgres.stop(server)
        _say("stopped postgres")


def status(settings: StackSettings) -> list[ServiceStatus]:
    run_dir = settings.state_dir / "run"
    server = postgres.layout(settings)
    result = [
        ServiceStatus(
            "postgres",
            postgres.is_running(server),
            f"{LOOPBACK}:{settings.postgres_port.number} (databases supervision, analytics)",
        )
    ]
    for spec in service_specs(settings):
        record = processes.read_record(run_dir, spec.name)
        result.append(ServiceStatus(spec.name, bool(record and record.is_running()), spec.address))
    result.extend(
        ServiceStatus(name, running, address, optional=True)
        for name, running, address in orchestration.status(settings)
    )
    return result


def describe(settings: StackSettings) -> str:
    lines = [
        f"{s.name:<17} {'running' if s.running else 'stopped':<8} {s.address}"
        for s in status(settings)
    ]
    lines.append(f"warehouse: {warehouse_dsn(settings)}")
    lines.append(f"state: {settings.state_dir}")
    return "\n".join(lines)

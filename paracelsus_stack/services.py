"""The stack's long-running Python services: S3 (moto), the HubSpot mock and its proxy."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from paracelsus_stack.settings import LOOPBACK, Port, StackSettings


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    port: Port
    command: list[str]
    address: str
    extra_env: dict[str, str]


def tls_dir(settings: StackSettings) -> Path:
    return settings.state_dir / "tls"


def service_specs(settings: StackSettings) -> list[ServiceSpec]:
    python = sys.executable
    tls = tls_dir(settings)
    return [
        ServiceSpec(
            name="s3",
            port=settings.s3_port,
            command=[
                python,
                "-m",
                "moto.server",
                "-H",
                LOOPBACK,
                "-p",
                str(settings.s3_port.number),
            ],
            address=f"http://{LOOPBACK}:{settings.s3_port.number}",
            extra_env={},
        ),
        ServiceSpec(
            name="hubspot-mock",
            port=settings.mock_port,
            command=[
                python,
                "-m",
                "mock_hubspot",
                "serve",
                "--host",
                LOOPBACK,
                "--port",
                str(settings.mock_port.number),
                "--certfile",
                str(tls / "server.pem"),
                "--keyfile",
                str(tls / "server.key"),
            ],
            address=f"https://{LOOPBACK}:{settings.mock_port.number} (api.hubapi.com)",
            extra_env={
                "MOCK_HUBSPOT_TOKEN": settings.hubspot_token,
                "MOCK_HUBSPOT_SEED": str(settings.seed),
                "MOCK_HUBSPOT_SCALE": str(settings.scale),
                **settings.mock_env,
            },
        ),
        ServiceSpec(
            name="hubspot-proxy",
            port=settings.proxy_port,
            command=[
                python,
                "-m",
                "mock_hubspot.connect_proxy",
                "--listen-host",
                LOOPBACK,
                "--listen-port",
                str(settings.proxy_port.number),
                "--upstream-port",
                str(settings.mock_port.number),
            ],
            address=f"http://{LOOPBACK}:{settings.proxy_port.number} (tunnels api.hubapi.com)",
            extra_env={},
        ),
    ]


def service_env(spec: ServiceSpec) -> dict[str, str]:
    env = dict(os.environ)
    env.update(spec.extra_env)
    return env

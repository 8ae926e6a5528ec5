"""`python -m mock_hubspot serve|tls ...`: run the mock (TLS optional) or make TLS material."""

from __future__ import annotations

import argparse
from pathlib import Path

import uvicorn

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings
from mock_hubspot.tls import ensure_tls_material


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m mock_hubspot")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the mock (settings from MOCK_HUBSPOT_*)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, required=True)
    serve.add_argument("--certfile", type=Path)
    serve.add_argument("--keyfile", type=Path)
    serve.add_argument("--tls-dir", type=Path, help="make/reuse TLS material here and use it")
    serve.add_argument("--log-level", default="warning")
    tls = commands.add_parser("tls", help="make (or reuse) the CA and api.hubapi.com cert")
    tls.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args(argv)

    if args.command == "tls":
        material = ensure_tls_material(args.dir)
        print(f"ca_cert={material.ca_cert}\nserver_cert={material.server_cert}")
        return
    certfile, keyfile = args.certfile, args.keyfile
    if args.tls_dir:
        material = ensure_tls_material(args.tls_dir)
        certfile, keyfile = material.server_cert, material.server_key
    if (certfile is None) != (keyfile is None):
        parser.error("--certfile and --keyfile go together")
    uvicorn.run(
        create_app(MockSettings.from_env()),
        host=args.host,
        port=args.port,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
        log_level=args.log_level,
    )


if __name__ == "__main__":
    main()

"""`paracelsus`: the command line behind the Makefile's up/down/status/psql/run targets."""

from __future__ import annotations

import argparse
import dataclasses
import os
import shlex
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from paracelsus_stack import orchestration, stack, stack_file
from paracelsus_stack.config_check import find_problems, merged_values
from paracelsus_stack.docs_site import generate_and_serve
from paracelsus_stack.environment import stack_environment, warehouse_dsn
from paracelsus_stack.errors import StackError
from paracelsus_stack.meltano_runner import run_meltano
from paracelsus_stack.meltano_runs import fail_dead_runs
from paracelsus_stack.plugin_install import install_plugins
from paracelsus_stack.progress.watched_run import run_with_progress
from paracelsus_stack.seeding import seed_sources
from paracelsus_stack.settings import MELTANO_PROJECT_DIR, StackSettings
from paracelsus_stack.summary import render_compact_summary, render_summary, warehouse_clock


def _require_running(settings: StackSettings) -> None:
    stopped = [s.name for s in stack.status(settings) if not s.running and not s.optional]
    if stopped:
        raise StackError(
            f"the local stack is not running ({', '.join(stopped)} down): run `make up`"
        )


def cmd_up(settings: StackSettings, _: argparse.Namespace) -> int:
    stack.up(settings)
    print(stack.describe(settings))
    return 0


def cmd_down(settings: StackSettings, _: argparse.Namespace) -> int:
    stack.down(stack_file.current(settings))
    return 0


def cmd_status(settings: StackSettings, _: argparse.Namespace) -> int:
    print(stack.describe(stack_file.current(settings)))
    return 0


def cmd_env(settings: StackSettings, _: argparse.Namespace) -> int:
    for name, value in stack_environment(stack_file.current(settings)).items():
        print(f"export {name}={shlex.quote(value)}")
    return 0


def cmd_psql(settings: StackSettings, args: argparse.Namespace) -> int:
    settings = stack_file.current(settings)
    _require_running(settings)
    psql = shutil.which("psql")
    if psql is None:
        raise StackError(
            "psql is not installed: `apt-get install postgresql-client`, "
            "or use any client on the URL that `make status` prints"
        )
    os.execv(psql, [psql, warehouse_dsn(settings), *args.psql_args])


def cmd_seed(settings: StackSettings, args: argparse.Namespace) -> int:
    settings = stack_file.current(settings)
    _require_running(settings)
    seed_sources(settings, reset=args.reset)
    return 0


def _verbose(args: argparse.Namespace) -> bool:
    return bool(args.verbose) or os.environ.get("VERBOSE", "0") not in ("", "0")


def cmd_meltano(settings: StackSettings, args: argparse.Namespace) -> int:
    settings = stack_file.current(settings)
    _require_running(settings)
    if args.meltano_args[:1] != ["run"]:
        return run_meltano(settings, args.meltano_args)
    watched = run_with_progress(settings, args.meltano_args, verbose=_verbose(args))
    print(f"==> full log: {watched.log_path}")
    return watched.code


def cmd_recover(settings: StackSettings, _: argparse.Namespace) -> int:
    """Close the run records whose meltano process is gone (every `meltano run` does it)."""
    settings = stack_file.current(settings)
    _require_running(settings)
    closed = fail_dead_runs(settings)
    for run in closed:
        print(f"closed a dead run of {run.job_name}: {run.reason}")
    if not closed:
        print("no dead runs: every RUNNING record belongs to a live meltano process")
    return 0


def cmd_run(settings: StackSettings, args: argparse.Namespace) -> int:
    """Everything `make run` promises: stack up, sources seeded, the job run, a summary."""
    stack.up(settings)
    seed_sources(settings)
    since = warehouse_clock(settings)
    watched = run_with_progress(settings, ["run", args.job], verbose=_verbose(args))
    with watched.log_path.open("a") as log:
        log.write(render_summary(settings, since) + "\n")
    print(render_compact_summary(settings, since))
    print(f"\n==> full log (every table in its summary): {watched.log_path}")
    if watched.code != 0:
        print(f"meltano run {args.job} failed with exit code {watched.code}", file=sys.stderr)
    return watched.code


def cmd_orchestrate(settings: StackSettings, _: argparse.Namespace) -> int:
    """The stack (started if needed, sources seeded), then Dagster's webserver and daemon."""
    settings = dataclasses.replace(stack_file.current(settings), dagster_port=settings.dagster_port)
    stack.up(settings)
    seed_sources(settings)
    orchestration.start(settings)
    return 0


def cmd_install_plugins(settings: StackSettings, _: argparse.Namespace) -> int:
    return install_plugins(settings)


def cmd_docs(settings: StackSettings, _: argparse.Namespace) -> int:
    """Generate the dbt docs and serve them on 127.0.0.1 until Ctrl-C."""
    settings = dataclasses.replace(stack_file.current(settings), docs_port=settings.docs_port)
    _require_running(settings)
    generate_and_serve(settings)
    return 0


def cmd_summary(settings: StackSettings, _: argparse.Namespace) -> int:
    settings = stack_file.current(settings)
    _require_running(settings)
    print(render_summary(settings, None))
    return 0


def cmd_check_config(_: StackSettings, args: argparse.Namespace) -> int:
    """Report every missing or malformed prod setting at once, before anything runs."""
    problems = find_problems(merged_values(os.environ, args.env_file))
    if not problems:
        print(f"configuration OK (environment + {args.env_file})")
        return 0
    print(f"{len(problems)} configuration problem(s); see .env.example:", file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1


def cmd_reconcile(settings: StackSettings, _: argparse.Namespace) -> int:
    """Compare every source with the warehouse: row counts and a checksum per table."""
    from paracelsus_stack.reconcile.run import reconcile_stack, render

    settings = stack_file.current(settings)
    _require_running(settings)
    comparisons = reconcile_stack(settings)
    print(render(comparisons))
    return 0 if all(c.matches for c in comparisons) else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="paracelsus", description=__doc__)
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="stream the raw Meltano output (VERBOSE=1)"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("up", help="start the embedded stack (idempotent)").set_defaults(
        func=cmd_up
    )
    commands.add_parser("down", help="stop what `up` started").set_defaults(func=cmd_down)
    commands.add_parser("status", help="what runs where").set_defaults(func=cmd_status)
    commands.add_parser(
        "orchestrate", help="start Dagster's webserver and daemon (PARACELSUS_DAGSTER_PORT)"
    ).set_defaults(func=cmd_orchestrate)
    commands.add_parser(
        "env", help="export lines for the stack's connection variables"
    ).set_defaults(func=cmd_env)
    psql = commands.add_parser("psql", help="psql on the warehouse")
    psql.add_argument("psql_args", nargs=argparse.REMAINDER)
    psql.set_defaults(func=cmd_psql)
    seed = commands.add_parser("seed", help="seed the OLTP database and the S3 bucket")
    seed.add_argument("--reset", action="store_true", help="reload the OLTP database from scratch")
    seed.set_defaults(func=cmd_seed)
    meltano = commands.add_parser("meltano", help="run meltano against the stack")
    meltano.add_argument("meltano_args", nargs=argparse.REMAINDER)
    meltano.set_defaults(func=cmd_meltano)
    run = commands.add_parser("run", help="up + seed + meltano run JOB + summary")
    run.add_argument("--job", default="elt-all")
    run.set_defaults(func=cmd_run)
    commands.add_parser("summary", help="rows per raw table and mart").set_defaults(
        func=cmd_summary
    )
    commands.add_parser(
        "install-plugins", help="meltano install, as one progress line"
    ).set_defaults(func=cmd_install_plugins)
    commands.add_parser(
        "docs", help="generate the dbt docs and serve them (PARACELSUS_DOCS_PORT)"
    ).set_defaults(func=cmd_docs)
    recover = commands.add_parser("recover", help="close runs left RUNNING by a killed meltano")
    recover.set_defaults(func=cmd_recover)
    reconcile = commands.add_parser("reconcile", help="compare sources and warehouse")
    reconcile.set_defaults(func=cmd_reconcile)
    check = commands.add_parser("check-config", help="validate the prod settings")
    check.add_argument("--env-file", type=Path, default=MELTANO_PROJECT_DIR / ".env")
    check.set_defaults(func=cmd_check_config)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[StackSettings, argparse.Namespace], int] = args.func
    try:
        return handler(StackSettings.from_env(), args)
    except (StackError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

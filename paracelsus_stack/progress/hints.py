"""What to do about a failed step, from the lines it left: each hint names the fix."""

from __future__ import annotations

import re

from paracelsus_stack.meltano_project import credential_variables
from paracelsus_stack.progress.tracker import Step

UNAUTHORIZED = re.compile(r"\b401\b|unauthori[sz]ed|invalid_authentication", re.IGNORECASE)
FORBIDDEN = re.compile(r"\b403\b|forbidden|missing.{0,20}scopes?", re.IGNORECASE)
BAD_PASSWORD = re.compile(r"password authentication failed", re.IGNORECASE)
UNREACHABLE = re.compile(r"connection refused|could not connect|name or service not known", re.I)
DBT_TEST = re.compile(r"Failure in test (\S+)")
# tap-hubspot-budgeted's message when the portal's daily cap is used up (limits.py).
DAILY_CAP = re.compile(r"(HubSpot's daily API cap is used up: .*? resets at midnight[^:]*: \S+)")


def _variables(plugin: str | None) -> str:
    names = credential_variables(plugin) if plugin else []
    return " / ".join(names) if names else "its credentials"


def hints(step: Step) -> list[str]:
    text = "\n".join([step.error or "", *step.problems])
    found = []
    if step.kind == "el" and UNAUTHORIZED.search(text):
        found.append(
            f"{step.tap} was refused with 401 Unauthorized: check {_variables(step.tap)} "
            "(.env.example says where each value comes from)"
        )
    elif step.kind == "el" and FORBIDDEN.search(text):
        found.append(f"{step.tap} was refused with 403: the token lacks a scope it needs")
    if BAD_PASSWORD.search(text):
        plugin = step.loader if step.kind == "el" else None
        found.append(f"the database refused the password: check {_variables(plugin)}")
    if UNREACHABLE.search(text):
        found.append("a service could not be reached: is the stack up (`make status`)?")
    cap = DAILY_CAP.search(text)
    if cap:
        found.append(
            f"{cap.group(1)}; the state of the streams already synced is kept: run again "
            "after the reset, less often (README: HubSpot API budget), or on a higher tier"
        )
    tests = sorted(set(DBT_TEST.findall(text)))
    if tests:
        found.append(f"failing dbt tests: {', '.join(tests)} (their SQL is under dbt/tests/)")
    return found

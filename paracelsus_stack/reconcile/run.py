"""Reconcile every source against the warehouse and render the result."""

from __future__ import annotations

import psycopg

from paracelsus_stack.environment import oltp_dsn, stack_environment, warehouse_dsn
from paracelsus_stack.landing_bucket import landing_client
from paracelsus_stack.meltano_project import plugin_config
from paracelsus_stack.reconcile.fingerprint import TableComparison
from paracelsus_stack.reconcile.hubspot import HubSpotConnection, compare_hubspot
from paracelsus_stack.reconcile.oltp import compare_oltp
from paracelsus_stack.reconcile.s3 import compare_s3
from paracelsus_stack.settings import StackSettings


def local_hubspot(settings: StackSettings) -> HubSpotConnection:
    """The HubSpot API as the tap sees it on the local stack: via the proxy, local CA."""
    env = stack_environment(settings)
    return HubSpotConnection(
        token=env["HUBSPOT_ACCESS_TOKEN"],
        proxy=env["PARACELSUS_HUBSPOT_PROXY"],
        ca_bundle=env["PARACELSUS_HUBSPOT_CA_BUNDLE"],
    )


def reconcile_stack(settings: StackSettings) -> list[TableComparison]:
    env = stack_environment(settings)
    s3 = landing_client(settings)
    hubspot = local_hubspot(settings)
    with psycopg.connect(warehouse_dsn(settings)) as warehouse:
        return [
            *compare_oltp(oltp_dsn(settings), warehouse),
            *compare_s3(s3, env["S3_BUCKET"], warehouse),
            *compare_hubspot(hubspot, warehouse),
        ]


def render(comparisons: list[TableComparison]) -> str:
    differing = [c for c in comparisons if not c.matches]
    lines = [c.render() for c in comparisons]
    lines.append(
        f"{len(comparisons) - len(differing)} of {len(comparisons)} tables match"
        + (f"; differing: {', '.join(c.name for c in differing)}" if differing else "")
    )
    deferred = _deferred_hubspot_types() & {c.name for c in differing}
    if deferred:
        lines.append(
            f"{', '.join(sorted(deferred))}: searched only every deferred_check_interval_s "
            "(tap-hubspot's deferred_object_types), so changes since their last search are "
            "not loaded yet; TAP_HUBSPOT_DEFERRED_CHECK_INTERVAL_S=0 make el-hubspot reads "
            "them now"
        )
    return "\n".join(lines)


def _deferred_hubspot_types() -> set[str]:
    """The comparisons' names of tap-hubspot's deferred object types (`hubspot.<stream>`)."""
    deferred = plugin_config("tap-hubspot").get("deferred_object_types") or ()
    return {f"hubspot.{name}" for name in deferred}

"""The HubSpot mock's /_mock admin API, reached as the tap reaches HubSpot (the stack's
proxy and local CA): for tests and the bench, which change and count the mock's portal."""

from __future__ import annotations

from typing import Any

import requests

from paracelsus_stack.reconcile.run import local_hubspot
from paracelsus_stack.settings import StackSettings


def mock_admin(settings: StackSettings, method: str, path: str, body: object = None) -> Any:
    with requests.Session() as session:
        return local_hubspot(settings).request(session, method, f"/_mock/{path}", body=body)


def merge_contacts(
    settings: StackSettings, count: int, seed: int = 0, include_people: bool = False
) -> list[dict[str, str]]:
    """Merge `count` deterministic pairs of the mock's contacts, prospects only unless
    `include_people`: the pairs as `[{"primary": id, "merged": id}]` (undone by a reset)."""
    body = {"object_type": "contacts", "count": count, "seed": seed}
    return mock_admin(settings, "POST", "merges", {**body, "include_people": include_people})

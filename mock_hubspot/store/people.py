"""The OLTP seed's physicians and providers, who are also HubSpot contacts (same email)."""

from __future__ import annotations

from collections.abc import Sequence

from mock_hubspot.store.context import PersonLike


def load_people(seed: int, scale: float) -> Sequence[PersonLike]:
    from oltp_seed.generator import generate_people

    return generate_people(seed=seed, scale=scale)

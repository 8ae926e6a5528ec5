"""The people of the supervision database, as other sources (CRM exports, HubSpot) see them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    person_id: str  # the physician_id / provider_id uuid as str
    role: str  # 'physician' | 'provider'
    first_name: str
    last_name: str
    email: str
    state_code: str

"""A new owner joins the portal and is given records (a sales rep hired mid-quarter).

The owner is listed by the owners and users APIs from then on. Assigning a record sets its
`hubspot_owner_id`, which moves its modified date: the next incremental run reads the
record, and a client that keeps the owners list can tell that it names an owner it lacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from mock_hubspot.store.directory import EMAIL_DOMAIN, Owner
from mock_hubspot.store.errors import InvalidRequest, ObjectNotFound
from mock_hubspot.store.object_types import resolve_object_type
from mock_hubspot.store.portal import Portal

OWNER_PROPERTY = "hubspot_owner_id"


@dataclass(frozen=True)
class NewOwner:
    owner_id: str
    object_type: str
    assigned: list[str] = field(default_factory=list)


def _assign_to(body: Any) -> tuple[str, int]:
    if not isinstance(body, dict):
        raise InvalidRequest("Body must be a JSON object: {'object_type': ..., 'assign': N}")
    object_type, count = body.get("object_type", "contacts"), body.get("assign", 0)
    if not isinstance(object_type, str):
        raise InvalidRequest("'object_type' must be a string")
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise InvalidRequest("'assign' must be a non-negative integer")
    return object_type, count


def hire_owner(portal: Portal, body: Any) -> NewOwner:
    object_type, count = _assign_to(body)
    otype = resolve_object_type(object_type)
    if otype is None:
        raise ObjectNotFound(f"Unable to infer object type from: {object_type}")
    collection = portal.collections[otype.name]
    if OWNER_PROPERTY not in collection.catalog:
        raise InvalidRequest(f"{otype.name} have no {OWNER_PROPERTY}")
    if count > collection.live_count:
        raise InvalidRequest(f"Only {collection.live_count} live {otype.name} to assign")
    directory = portal.directory
    newest = directory.owners[-1]
    number = len(directory.owners)
    created = portal.next_instant()
    owner = Owner(
        id=str(max(int(o.id) for o in directory.owners) + 1_117),
        user_id=max(o.user_id for o in directory.owners) + 313,
        email=f"new.hire{number}@{EMAIL_DOMAIN}",
        first_name="New",
        last_name=f"Hire {number}",
        created_ms=created,
        updated_ms=created,
        archived=False,
        team_id=newest.team_id,
        role_id=newest.role_id,
        super_admin=False,
    )
    portal.directory = replace(directory, owners=(*directory.owners, owner))
    hired = NewOwner(owner.id, otype.name)
    for index in list(collection.live_indices[:count]):
        collection.update(index, {OWNER_PROPERTY: owner.id}, portal.next_instant())
        hired.assigned.append(collection.record_id(index))
    return hired

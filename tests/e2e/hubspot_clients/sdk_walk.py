"""Runs inside the official SDK's own virtualenv (hubspot-api-client): pages every CRM
object type and the other families the SDK reads, and prints what it got as JSON.

Its argument is a JSON object: {"object_types": [...], "contact_id": "...", "email": "..."}.
The connection comes from the environment: HUBSPOT_ACCESS_TOKEN, HTTPS_PROXY, the CA file.
"""

from __future__ import annotations

import json
import os
import sys

from hubspot import HubSpot
from hubspot.crm.associations.v4 import BatchInputPublicFetchAssociationsBatchRequest
from hubspot.crm.contacts import PublicObjectSearchRequest


def page_all(fetch, **kwargs) -> list:
    results, after = [], None
    while True:
        page = fetch(limit=100, after=after, **kwargs)
        results.extend(page.results)
        following = page.paging.next.after if page.paging and page.paging.next else None
        if following is None:
            return results
        after = following


def main() -> None:
    ask = json.loads(sys.argv[1])
    client = HubSpot(
        access_token=os.environ["HUBSPOT_ACCESS_TOKEN"],
        proxy=os.environ["HTTPS_PROXY"],
        ssl_ca_cert=os.environ["PARACELSUS_HUBSPOT_CA_BUNDLE"],
        client_side_validation=True,
    )
    crm = client.crm
    report: dict = {"objects": {}}
    for object_type in ask["object_types"]:
        records = page_all(crm.objects.basic_api.get_page, object_type=object_type)
        report["objects"][object_type] = len(records)
    with_companies = crm.contacts.get_all(associations=["companies"])
    report["contacts_with_companies"] = sum(
        1 for c in with_companies if c.associations and c.associations.get("companies")
    )
    search = crm.contacts.search_api.do_search(
        public_object_search_request=PublicObjectSearchRequest(
            filter_groups=[{"filters": [{"propertyName": "email", "operator": "HAS_PROPERTY"}]}],
            limit=100,
        )
    )
    report["contacts_searched"] = search.total
    report["owners"] = len(page_all(crm.owners.owners_api.get_page))
    report["pipelines"] = {
        kind: [len(p.stages) for p in crm.pipelines.pipelines_api.get_all(kind).results]
        for kind in ("deals", "tickets")
    }
    report["contact_properties"] = len(crm.properties.core_api.get_all("contacts").results)
    users = client.settings.users.users_api
    first = users.get_page().results[0]
    report["user_by_email"] = users.get_by_id(first.email, id_property="EMAIL").id == first.id
    report["contact_by_email"] = (
        crm.objects.basic_api.get_by_id("contacts", ask["email"], id_property="email").id
        == ask["contact_id"]
    )
    batch = crm.associations.v4.batch_api.get_page(
        "contacts",
        "postal_mail",
        BatchInputPublicFetchAssociationsBatchRequest(inputs=[{"id": ask["contact_id"]}]),
    )
    report["v4_multi_status"] = {
        "results": len(batch.results),
        "errors": len(getattr(batch, "errors", None) or []),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()

"""The mock's stage-timing properties (`hs_v2_date_entered_<stage>`, `hs_v2_date_exited_<stage>`,
`hs_lifecyclestage_<stage>_date`) tell the same story as the stages a record went through."""

from __future__ import annotations

from collections import Counter

import pytest
from fastapi.testclient import TestClient

from mock_hubspot.main import create_app
from mock_hubspot.settings import MockSettings
from mock_hubspot.store.changes import ChangeRequest, apply_changes
from mock_hubspot.store.clock import iso_ms, parse_instant
from mock_hubspot.store.collection import ObjectCollection
from mock_hubspot.store.portal import Portal
from mock_hubspot.store.stage_history import became_name, entered_name, exited_name

AUTH = {"Authorization": "Bearer local-dev-token"}
STAGED = ("deals", "tickets", "contacts", "companies")
DEAL_CLOSED = {"closedwon", "closedlost", "112233404", "112233405"}
Values = dict[str, str | None]


@pytest.fixture(scope="module")
def portal() -> Portal:
    return Portal(seed=42, scale=4)


def stage_order(collection: ObjectCollection) -> dict[str, tuple[str, int, bool]]:
    """Stage id -> (pipeline id, display order, closed) for a staged object type."""
    if collection.otype.name in ("contacts", "companies"):
        options = collection.catalog["lifecyclestage"].options
        return {o.value: ("lifecycle", o.display_order, False) for o in options}
    pipelines = collection.ctx.deal_pipelines
    if collection.otype.name == "tickets":
        pipelines = collection.ctx.ticket_pipelines
    return {
        s.stage_id: (p.pipeline_id, s.display_order, s.closed) for p in pipelines for s in p.stages
    }


def timings(values: Values) -> Values:
    return {name: value for name, value in values.items() if name.startswith("hs_v2_date_")}


def check_record(collection: ObjectCollection, index: int) -> list[str]:
    """Assert every stage-timing rule for one record; return the stages it went through."""
    track = collection.blueprint.stages
    assert track is not None
    values = collection.values(index)
    created = parse_instant(values[collection.otype.created_property])
    modified = parse_instant(values[collection.otype.modified_property])
    current = values[track.stage_property]
    stages = stage_order(collection)
    for stage_id in stages:
        entered, exited = values[entered_name(stage_id)], values[exited_name(stage_id)]
        for stamp in (entered, exited):
            assert stamp is None or stamp == iso_ms(parse_instant(stamp)), stamp
            assert stamp is None or created <= parse_instant(stamp) <= modified
        if exited is not None:
            assert entered is not None and parse_instant(entered) <= parse_instant(exited)
    assert values[entered_name(current)] is not None
    assert values[exited_name(current)] is None

    versions = collection.property_history(index, track.stage_property)[::-1]
    assert versions[0][0] == created, "the first stage is entered at createdate"
    assert [at for at, _ in versions] == sorted({at for at, _ in versions})
    assert versions[-1][1] == current
    # Each stage entered at its latest entry, left when the next one was entered; the
    # stages the record never reached have neither date.
    expected: Values = {}
    for step, (at, stage_id) in enumerate(versions):
        assert stage_id is not None
        left = versions[step + 1][0] if step + 1 < len(versions) else None
        expected[entered_name(stage_id)] = iso_ms(at)
        expected[exited_name(stage_id)] = None if left is None else iso_ms(left)
    for stage_id in stages:
        for name in (entered_name(stage_id), exited_name(stage_id)):
            assert values[name] == expected.get(name), (collection.otype.name, index, name)

    if track.became_dates:
        firsts = {stage_id: iso_ms(at) for at, stage_id in versions[::-1]}
        for stage_id in stages:
            assert values[became_name(stage_id)] == firsts.get(stage_id)
    if track.closed_property and stages[current][2]:
        closed_at = values[track.closed_property]
        assert closed_at == values[entered_name(current)], "closed stage entered at close date"
        assert closed_at is not None
        assert all(at <= parse_instant(closed_at) for at, _ in versions), "times by close date"
    return [stage_id for _, stage_id in versions if stage_id is not None]


def shape(collection: ObjectCollection, walk: list[str]) -> str:
    """How a generated walk went: 'forward' through every stage, 'skipping' one or more,
    'moved back' (on to a later stage and back to the current one) or 'reopened' (closed,
    then back to the current stage)."""
    stages = stage_order(collection)
    assert len({stages[s][0] for s in walk}) == 1, "a generated walk keeps to one pipeline"
    orders = [stages[s][1] for s in walk]
    if len(walk) >= 3 and walk[-1] == walk[-3]:
        assert orders[:-2] == sorted(set(orders[:-2])) and orders[-2] > orders[-1]
        return "reopened" if stages[walk[-2]][2] else "moved back"
    assert orders == sorted(set(orders)), walk
    if walk == ["other"]:
        return "forward"  # not a step on the lifecycle path: a record goes straight there
    pipeline = stages[walk[0]][0]
    path = sorted(
        (order, stage_id)
        for stage_id, (where, order, closed) in stages.items()
        if where == pipeline and not closed
    )
    passed = [stage_id for stage_id in walk if not stages[stage_id][2]]
    return "forward" if passed == [s for _, s in path[: len(passed)]] else "skipping"


def generated_shapes(portal: Portal, object_type: str) -> Counter[str]:
    collection = portal.collection(object_type)
    return Counter(shape(collection, check_record(collection, i)) for i in range(len(collection)))


def test_stage_timing_properties_are_described_like_hubspots():
    client = TestClient(create_app(MockSettings()))
    described = {}
    for object_type in STAGED:
        for prop in client.get(f"/crm/v3/properties/{object_type}", headers=AUTH).json()["results"]:
            described[(object_type, prop["name"])] = prop
    expected = {
        ("deals", "hs_v2_date_entered_appointmentscheduled"): (
            'Date entered "Appointment Scheduled (Sales Pipeline)"',
            "dealinformation",
        ),
        ("deals", "hs_v2_date_exited_appointmentscheduled"): (
            'Date exited "Appointment Scheduled (Sales Pipeline)"',
            "dealinformation",
        ),
        ("deals", "hs_v2_date_exited_112233402"): (
            'Date exited "Credentialing (Physician Onboarding)"',
            "dealinformation",
        ),
        ("tickets", "hs_v2_date_entered_1"): ('Date entered "New (Support Pipeline)"', None),
        ("tickets", "hs_v2_date_entered_223344501"): (
            'Date entered "Escalated (Case Review Escalations)"',
            "ticketinformation",
        ),
        ("contacts", "hs_v2_date_entered_lead"): (
            'Date entered "Lead (Lifecycle Stage Pipeline)"',
            "contactinformation",
        ),
        ("contacts", "hs_v2_date_exited_lead"): (
            'Date exited "Lead (Lifecycle Stage Pipeline)"',
            None,
        ),
        ("contacts", "hs_lifecyclestage_lead_date"): ("Became a Lead Date", None),
        ("companies", "hs_v2_date_entered_marketingqualifiedlead"): (
            'Date entered "Marketing Qualified Lead (Lifecycle Stage Pipeline)"',
            "companyinformation",
        ),
        ("companies", "hs_lifecyclestage_opportunity_date"): ("Became an Opportunity Date", None),
    }
    for key, (label, group) in expected.items():
        prop = described[key]
        assert prop["label"] == label
        assert group is None or prop["groupName"] == group
    timing = {k: p for k, p in described.items() if k[1].startswith(("hs_v2_", "hs_lifecycle"))}
    for prop in timing.values():
        assert (prop["type"], prop["fieldType"]) == ("datetime", "date")
        assert prop["calculated"] and prop["hubspotDefined"]
        assert prop["modificationMetadata"]["readOnlyValue"]
    counts = Counter(object_type for object_type, _ in timing)
    # Deals: 7 + 5 stages, tickets: 4 + 3, contacts and companies: 8 lifecycle stages.
    assert counts == {"deals": 24, "tickets": 14, "contacts": 24, "companies": 24}
    assert described[("companies", "lifecyclestage")]["options"] == [
        {**o, "description": ""} for o in described[("contacts", "lifecyclestage")]["options"]
    ]


def test_generated_deals_walk_their_pipeline_and_some_moved_back(portal):
    shapes = generated_shapes(portal, "deals")
    assert shapes["skipping"] and shapes["forward"]
    assert 0.04 <= shapes["moved back"] / shapes.total() <= 0.2
    assert not shapes["reopened"]
    deals = portal.collection("deals")
    for i in range(len(deals)):
        values = deals.values(i)
        closed = values["dealstage"] in DEAL_CLOSED
        assert values["hs_is_closed"] == str(closed).lower()
        won = values["dealstage"] in ("closedwon", "112233404")
        assert values["hs_is_closed_won"] == str(won).lower()


def test_a_moved_back_deal_left_the_later_stage_and_is_in_its_current_one_again(portal):
    deals = portal.collection("deals")
    walks = {i: check_record(deals, i) for i in range(len(deals))}
    moved = [i for i, walk in walks.items() if shape(deals, walk) == "moved back"]
    assert moved
    for index in moved:
        values, later = deals.values(index), walks[index][-2]
        current = values["dealstage"]
        assert values[exited_name(current)] is None
        assert values[entered_name(later)] <= values[exited_name(later)]
        assert values[exited_name(later)] == values[entered_name(current)]


def test_generated_tickets_walk_their_pipeline_and_some_were_reopened(portal):
    shapes = generated_shapes(portal, "tickets")
    assert shapes["skipping"] and shapes["forward"] and shapes["reopened"]
    assert not shapes["moved back"]
    tickets = portal.collection("tickets")
    closed = {s.stage_id for p in portal.ticket_pipelines for s in p.stages if s.closed}
    for i in range(len(tickets)):
        values = tickets.values(i)
        walk = check_record(tickets, i)
        if values["hs_pipeline_stage"] in closed:
            assert values["closed_date"] == values[entered_name(values["hs_pipeline_stage"])]
        else:
            assert values["closed_date"] is None, "an open ticket, reopened or not, has no close"
        if shape(tickets, walk) == "reopened":
            assert values[entered_name(walk[-2])] <= values[exited_name(walk[-2])]


@pytest.mark.parametrize("object_type", ["contacts", "companies"])
def test_lifecycle_stages_only_move_forward_and_other_is_entered_straight(portal, object_type):
    shapes = generated_shapes(portal, object_type)
    assert set(shapes) == {"forward", "skipping"}
    collection = portal.collection(object_type)
    for i in range(len(collection)):
        values = collection.values(i)
        if values["lifecyclestage"] == "other":
            assert check_record(collection, i) == ["other"]
            assert values["hs_v2_date_entered_other"] == values["createdate"]


def test_companies_are_mostly_leads_opportunities_or_customers(portal):
    companies = portal.collection("companies")
    stages = Counter(companies.values(i)["lifecyclestage"] for i in range(len(companies)))
    assert stages["lead"] + stages["opportunity"] + stages["customer"] > 0.6 * stages.total()
    assert "lifecyclestage" in companies.blueprint.mutable


def test_the_same_seed_gives_the_same_stage_times_and_another_seed_others():
    def all_timings(seed: int) -> list[Values]:
        portal = Portal(seed=seed, scale=1)
        return [
            timings(portal.collection(t).values(i))
            for t in STAGED
            for i in range(len(portal.collection(t)))
        ]

    assert all_timings(42) == all_timings(42)
    assert all_timings(42) != all_timings(7)


def updated_by_a_change(object_type: str, seed: int = 3) -> tuple[ObjectCollection, dict, dict]:
    """A fresh portal after a change updating most of `object_type`'s records: the
    collection, and each updated record's values before and after."""
    portal = Portal(seed=42, scale=2)
    collection = portal.collection(object_type)
    before = {i: collection.values(i) for i in range(len(collection))}
    count = collection.live_count * 3 // 4
    result = apply_changes(portal, ChangeRequest(object_type, update=count, seed=seed))
    updated = {collection.index_of(record_id) for record_id in result.updated}
    for index in range(len(collection)):
        if index not in updated:
            assert collection.values(index) == before[index], "records not changed keep values"
    after = {i: collection.values(i) for i in updated if i is not None}
    return collection, {i: before[i] for i in after}, after


def check_move(collection: ObjectCollection, old: Values, new: Values) -> None:
    """The update's instant, its new last-modified date, is when the record left its old
    stage and entered the new one; every other stage keeps its dates."""
    track = collection.blueprint.stages
    assert track is not None
    modified = collection.otype.modified_property
    instant = new[modified]
    assert instant is not None and old[modified] is not None
    assert parse_instant(instant) > parse_instant(old[modified])
    left, entered = old[track.stage_property], new[track.stage_property]
    assert left is not None and entered is not None
    assert new[exited_name(left)] == instant
    assert new[entered_name(entered)] == instant and new[exited_name(entered)] is None
    moved = {exited_name(left), entered_name(entered), exited_name(entered)}
    kept = {name: value for name, value in timings(old).items() if name not in moved}
    assert kept == {name: value for name, value in timings(new).items() if name not in moved}


def test_a_change_moves_deals_forward_and_back_at_its_instant():
    deals, before, after = updated_by_a_change("deals")
    stages = stage_order(deals)
    seen: Counter[str] = Counter()
    for index, new in after.items():
        old = before[index]
        check_record(deals, index)
        was_in, was_at, _ = stages[old["dealstage"]]
        now_in, now_at, closed = stages[new["dealstage"]]
        assert new["hs_is_closed"] == str(closed).lower()
        won = new["dealstage"] in ("closedwon", "112233404")
        assert new["hs_is_closed_won"] == str(won).lower()
        if old["dealstage"] == new["dealstage"]:
            assert timings(new) == timings(old)
            if closed:
                assert new["closedate"] == old["closedate"]
            continue
        check_move(deals, old, new)
        if closed:
            assert new["closedate"] == new["hs_lastmodifieddate"]
        seen[
            "other pipeline" if was_in != now_in else "forward" if now_at > was_at else "back"
        ] += 1
    assert seen["forward"] and seen["back"] and seen["other pipeline"]


def test_a_change_can_reopen_a_closed_ticket():
    tickets, before, after = updated_by_a_change("tickets")
    stages = stage_order(tickets)
    reopened = 0
    for index, new in after.items():
        old = before[index]
        check_record(tickets, index)
        if old["hs_pipeline_stage"] == new["hs_pipeline_stage"]:
            assert timings(new) == timings(old)
            assert new["closed_date"] == old["closed_date"]
            continue
        check_move(tickets, old, new)
        if stages[new["hs_pipeline_stage"]][2]:
            assert new["closed_date"] == new["hs_lastmodifieddate"]
        else:
            assert new["closed_date"] is None
        if stages[old["hs_pipeline_stage"]][2] and not stages[new["hs_pipeline_stage"]][2]:
            reopened += 1
            left = old["hs_pipeline_stage"]
            assert new[entered_name(left)] <= new[exited_name(left)]
    assert reopened


@pytest.mark.parametrize("object_type", ["contacts", "companies"])
def test_a_change_moves_a_lifecycle_stage_forward_never_back(object_type):
    collection, before, after = updated_by_a_change(object_type)
    order = {o.value: o.display_order for o in collection.catalog["lifecyclestage"].options}
    forward = 0
    for index, new in after.items():
        old = before[index]
        check_record(collection, index)
        assert order[new["lifecyclestage"]] >= order[old["lifecyclestage"]]
        if new["lifecyclestage"] == old["lifecyclestage"]:
            assert timings(new) == timings(old)
            continue
        forward += 1
        check_move(collection, old, new)
        stage = new["lifecyclestage"]
        assert new[became_name(stage)] == new[entered_name(stage)]
    assert forward


def test_stage_moves_by_the_change_api_show_in_the_records():
    client = TestClient(create_app(MockSettings()))
    described = client.get("/crm/v3/properties/deals", headers=AUTH).json()["results"]
    names = ",".join(p["name"] for p in described)

    def deal(record_id: str) -> dict:
        return client.get(
            f"/crm/v3/objects/deals/{record_id}",
            headers=AUTH,
            params={"properties": names, "propertiesWithHistory": "dealstage"},
        ).json()

    listed = client.get("/crm/v3/objects/deals", headers=AUTH, params={"limit": 100}).json()
    before = {r["id"]: deal(r["id"])["properties"] for r in listed["results"]}
    body = {"object_type": "deals", "update": 30, "seed": 1}
    updated = client.post("/_mock/changes", json=body).json()["updated"]
    moved = 0
    for record_id in updated:
        record = deal(record_id)
        props, history = record["properties"], record["propertiesWithHistory"]["dealstage"]
        assert history[0]["value"] == props["dealstage"]
        if before[record_id]["dealstage"] != props["dealstage"]:
            moved += 1
            assert history[0]["timestamp"] == record["updatedAt"]
            assert props[entered_name(props["dealstage"])] == record["updatedAt"]
            assert props[exited_name(before[record_id]["dealstage"])] == record["updatedAt"]
    assert moved

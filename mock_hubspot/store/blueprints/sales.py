"""Deals, products, line items, quotes, leads and goal targets."""

from __future__ import annotations

import random

from mock_hubspot.store.blueprints.base import Blueprint, Values, money, owner_select
from mock_hubspot.store.clock import DAY_MS, iso_ms
from mock_hubspot.store.context import FixtureContext
from mock_hubspot.store.pipelines import LEAD_PIPELINE_ID, LEAD_STAGES
from mock_hubspot.store.properties import (
    PropertyDef,
    boolean,
    datetime_,
    number,
    select,
    system_properties,
    text,
    textarea,
)
from mock_hubspot.store.stage_history import StageTrack

DEAL_TYPES = ("newbusiness", "existingbusiness")
PRIORITIES = ("low", "medium", "high")
PRODUCTS = (
    ("Case Review Subscription", 450.0),
    ("Chart Audit", 120.0),
    ("Collaborative Agreement", 900.0),
    ("Telehealth Supervision", 300.0),
    ("Prescriptive Authority Review", 250.0),
    ("Quality Assurance Package", 600.0),
)
QUOTE_STATUSES = ("DRAFT", "APPROVAL_NOT_NEEDED", "PENDING_APPROVAL", "APPROVED", "REJECTED")
BILLING = ("monthly", "quarterly", "annually")
LEAD_TYPES = ("NEW_BUSINESS", "UPSELL", "RE_ATTEMPTING")
LEAD_LABELS = ("HOT", "WARM", "COLD")
# Of the deals in an open stage with a later one, a fifth went there and came back: about a
# tenth of all deals.
DEAL_STAGES = StageTrack(
    "dealstage", lambda ctx: ctx.deal_pipelines, closed_property="closedate", moved_back_share=0.2
)


def deal_properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
    group = "dealinformation"
    pipelines = ctx.deal_pipelines
    stages = [(s.stage_id, s.label) for p in pipelines for s in p.stages]
    return (
        *system_properties(group, "createdate", "hs_lastmodifieddate"),
        text("dealname", group, "Deal Name"),
        number("amount", group, "Amount"),
        select("pipeline", group, [(p.pipeline_id, p.label) for p in pipelines], "Pipeline"),
        select("dealstage", group, stages, label="Deal Stage"),
        datetime_("closedate", group, "Close Date"),
        select("dealtype", group, DEAL_TYPES, label="Deal Type"),
        select("hs_priority", group, PRIORITIES, label="Priority"),
        boolean("hs_is_closed", group, "Is Deal Closed?", calculated=True),
        boolean("hs_is_closed_won", group, "Is Closed Won", calculated=True),
        textarea("description", group, "Deal Description"),
        owner_select(ctx, group),
        *DEAL_STAGES.properties(ctx, group),
    )


def generate_deal(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
    pipeline = ctx.deal_pipelines[0 if rng.random() < 0.7 else 1]
    stage = rng.choice(pipeline.stages)
    won = stage.closed and (stage.probability or 0) > 0
    closes = created + rng.randrange(5, 120) * DAY_MS + rng.randrange(DAY_MS)
    product, _ = rng.choice(PRODUCTS)
    return {
        "dealname": f"{rng.choice(ctx.pools.company_stems)} - {product}",
        "amount": money(rng.randrange(5, 400) * 100.0),
        "pipeline": pipeline.pipeline_id,
        "dealstage": stage.stage_id,
        "closedate": iso_ms(closes),
        "dealtype": rng.choice(DEAL_TYPES),
        "hs_priority": rng.choice(PRIORITIES),
        "hs_is_closed": "true" if stage.closed else "false",
        "hs_is_closed_won": "true" if won else "false",
        "description": rng.choice(ctx.pools.sentences) if rng.random() < 0.5 else None,
        "hubspot_owner_id": ctx.pick_owner(rng),
    }


def product_properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
    group = "productinformation"
    return (
        *system_properties(group, "createdate", "hs_lastmodifieddate"),
        text("name", group, "Name"),
        textarea("description", group, "Description"),
        number("price", group, "Unit price"),
        text("hs_sku", group, "SKU"),
        number("hs_cost_of_goods_sold", group, "Unit cost"),
        text("hs_recurring_billing_period", group, "Term"),
        select("recurringbillingfrequency", group, BILLING, label="Billing frequency"),
    )


def generate_product(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
    name, price = PRODUCTS[index % len(PRODUCTS)]
    edition = index // len(PRODUCTS)
    return {
        "name": f"{name} {edition + 1}" if edition else name,
        "description": rng.choice(ctx.pools.sentences),
        "price": money(price * (1 + edition / 10)),
        "hs_sku": f"PRC-{index + 1:05d}",
        "hs_cost_of_goods_sold": money(price * rng.uniform(0.2, 0.5)),
        "hs_recurring_billing_period": rng.choice(("P1M", "P3M", "P12M")),
        "recurringbillingfrequency": rng.choice(BILLING),
    }


def line_item_properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
    group = "lineiteminformation"
    return (
        *system_properties(group, "createdate", "hs_lastmodifieddate"),
        text("name", group, "Name"),
        text("hs_product_id", group, "Product ID"),
        number("quantity", group, "Quantity"),
        number("price", group, "Unit price"),
        number("amount", group, "Net price", calculated=True),
        text("hs_sku", group, "SKU"),
        select("recurringbillingfrequency", group, BILLING, label="Billing frequency"),
    )


def generate_line_item(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
    product_index = ctx.pick_index(rng, "products")
    name, price = PRODUCTS[product_index % len(PRODUCTS)]
    quantity = rng.randrange(1, 13)
    return {
        "name": name,
        "hs_product_id": str(ctx.first_id("products") + product_index),
        "quantity": str(quantity),
        "price": money(price),
        "amount": money(price * quantity),
        "hs_sku": f"PRC-{product_index + 1:05d}",
        "recurringbillingfrequency": rng.choice(BILLING),
    }


def quote_properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
    group = "quoteinformation"
    return (
        *system_properties(group, "hs_createdate", "hs_lastmodifieddate"),
        text("hs_title", group, "Quote name"),
        datetime_("hs_expiration_date", group, "Expiration date"),
        number("hs_quote_amount", group, "Quote amount"),
        text("hs_quote_number", group, "Quote number"),
        select("hs_status", group, QUOTE_STATUSES, label="Quote approval status"),
        textarea("hs_terms", group, "Terms"),
        text("hs_currency", group, "Currency"),
        owner_select(ctx, group),
    )


def generate_quote(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
    return {
        "hs_title": f"{rng.choice(ctx.pools.company_stems)} supervision quote",
        "hs_expiration_date": iso_ms(created + rng.randrange(14, 60) * DAY_MS),
        "hs_quote_amount": money(rng.randrange(5, 400) * 100.0),
        "hs_quote_number": f"20251-{index + 1:06d}",
        "hs_status": rng.choice(QUOTE_STATUSES),
        "hs_terms": rng.choice(ctx.pools.sentences),
        "hs_currency": "USD",
        "hubspot_owner_id": ctx.pick_owner(rng),
    }


def lead_properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
    group = "leadinformation"
    return (
        *system_properties(group, "hs_createdate", "hs_lastmodifieddate"),
        text("hs_lead_name", group, "Lead name"),
        select("hs_pipeline", group, [(LEAD_PIPELINE_ID, "Leads pipeline")], "Pipeline"),
        select("hs_pipeline_stage", group, LEAD_STAGES, label="Lead stage"),
        select("hs_lead_type", group, LEAD_TYPES, label="Lead type"),
        select("hs_lead_label", group, LEAD_LABELS, label="Lead label"),
        owner_select(ctx, group),
    )


def generate_lead(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
    first, last = rng.choice(ctx.pools.first_names), rng.choice(ctx.pools.last_names)
    return {
        "hs_lead_name": f"{first} {last}",
        "hs_pipeline": LEAD_PIPELINE_ID,
        "hs_pipeline_stage": rng.choice(LEAD_STAGES),
        "hs_lead_type": rng.choice(LEAD_TYPES),
        "hs_lead_label": rng.choice(LEAD_LABELS),
        "hubspot_owner_id": ctx.pick_owner(rng),
    }


def goal_properties(ctx: FixtureContext) -> tuple[PropertyDef, ...]:
    group = "goal_target_information"
    return (
        *system_properties(group, "hs_createdate", "hs_lastmodifieddate"),
        text("hs_goal_name", group, "Goal name"),
        number("hs_target_amount", group, "Target amount"),
        datetime_("hs_start_datetime", group, "Start date"),
        datetime_("hs_end_datetime", group, "End date"),
        text("hs_assignee_user_id", group, "Assignee user ID"),
        text("hs_assignee_team_id", group, "Assignee team ID"),
    )


def generate_goal(ctx: FixtureContext, rng: random.Random, index: int, created: int) -> Values:
    owner = ctx.directory.live_owners[index % len(ctx.directory.live_owners)]
    start = created - created % (30 * DAY_MS)
    return {
        "hs_goal_name": f"Q{index % 4 + 1} revenue - {owner.first_name} {owner.last_name}",
        "hs_target_amount": money(rng.randrange(20, 200) * 1000.0),
        "hs_start_datetime": iso_ms(start),
        "hs_end_datetime": iso_ms(start + 90 * DAY_MS),
        "hs_assignee_user_id": str(owner.user_id),
        "hs_assignee_team_id": owner.team_id,
    }


DEALS = Blueprint(
    deal_properties,
    generate_deal,
    ("pipeline", "dealstage", "hs_is_closed", "hs_is_closed_won", "amount", "closedate"),
    DEAL_STAGES,
)
PRODUCTS_BLUEPRINT = Blueprint(product_properties, generate_product, ("description",))
LINE_ITEMS = Blueprint(line_item_properties, generate_line_item, ("recurringbillingfrequency",))
QUOTES = Blueprint(quote_properties, generate_quote, ("hs_status",))
LEADS = Blueprint(lead_properties, generate_lead, ("hs_pipeline_stage", "hs_lead_label"))
GOALS = Blueprint(goal_properties, generate_goal, ("hs_target_amount",))

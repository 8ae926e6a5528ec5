{#-
    Points per HubSpot owner on the snapshot date of the load: contact lifecycle-stage points
    (var `lifecycle_stage_points`) plus open-deal stage points (var `deal_stage_points`,
    defaulting to the stage's probability). The snapshot date is the latest `updated_at`
    date among the HubSpot contacts and deals (archived included), else their latest load
    date: the same for a given load, whenever dbt runs.
-#}
with owners as (
    select * from {{ ref('stg_hubspot__owners') }}
    where not is_deleted
),

all_contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
),

all_deals as (
    select * from {{ family_relation('stg_hubspot__deals', 'hubspot_sales_enabled', {
        'owner_id': 'text', 'pipeline_id': 'text', 'deal_stage_id': 'text',
        'amount': 'numeric(18, 2)', 'is_deleted': 'boolean', 'updated_at': 'timestamp',
        'loaded_at': 'timestamptz',
    }) }}
),

stages as (
    select * from {{ family_relation('stg_hubspot__deal_pipeline_stages', 'hubspot_sales_enabled', {
        'pipeline_id': 'text', 'stage_id': 'text', 'probability': 'numeric',
        'is_closed': 'boolean',
    }) }}
),

lifecycle_stage_points as (
    {{ points_table(var('lifecycle_stage_points'), 'lifecycle_stage') }}
),

deal_stage_points as (
    {{ points_table(var('deal_stage_points'), 'stage_id') }}
),

snapshot as (
    select
        coalesce(max(cast(updated_at as date)), max(cast(loaded_at as date)))
            as snapshot_date
    from (
        select
            updated_at,
            loaded_at
        from all_contacts
        union all
        select
            updated_at,
            loaded_at
        from all_deals
    ) as changes
),

contact_points as (
    select
        all_contacts.owner_id,
        count(*) as scored_contact_count,
        sum(coalesce(lifecycle_stage_points.points, 0)) as lifecycle_points
    from all_contacts
    left join lifecycle_stage_points
        on all_contacts.lifecycle_stage = lifecycle_stage_points.lifecycle_stage
    where
        not all_contacts.is_deleted
        and all_contacts.owner_id is not null
        and not {{ is_merged_away('all_contacts.contact_id') }}
    group by all_contacts.owner_id
),

deal_points as (
    select
        all_deals.owner_id,
        count(*) as open_deal_count,
        sum(all_deals.amount) as open_deal_amount,
        sum(coalesce(deal_stage_points.points, stages.probability, 0)) as deal_stage_points
    from all_deals
    left join stages
        on
            all_deals.pipeline_id = stages.pipeline_id
            and all_deals.deal_stage_id = stages.stage_id
    left join deal_stage_points on all_deals.deal_stage_id = deal_stage_points.stage_id
    where
        not all_deals.is_deleted
        and all_deals.owner_id is not null
        and not coalesce(stages.is_closed, false)
    group by all_deals.owner_id
),

final as (
    select
        owners.owner_id || '_' || cast(snapshot.snapshot_date as text) as owner_snapshot_id,
        owners.owner_id,
        owners.full_name as owner_name,
        snapshot.snapshot_date,
        cast(coalesce(contact_points.scored_contact_count, 0) as integer)
            as scored_contact_count,
        coalesce(contact_points.lifecycle_points, 0) as lifecycle_points,
        cast(coalesce(deal_points.open_deal_count, 0) as integer) as open_deal_count,
        coalesce(deal_points.open_deal_amount, 0) as open_deal_amount,
        coalesce(deal_points.deal_stage_points, 0) as deal_stage_points,
        coalesce(contact_points.lifecycle_points, 0)
        + coalesce(deal_points.deal_stage_points, 0) as total_points
    from owners
    cross join snapshot
    left join contact_points on owners.owner_id = contact_points.owner_id
    left join deal_points on owners.owner_id = deal_points.owner_id
)

select * from final

with deals as (
    select * from {{ ref('int_deals_unioned') }}
),

-- HubSpot's pipelines label the legacy deals too; without the sales family, no labels.
pipelines as (
    select * from {{ family_relation('stg_hubspot__deal_pipelines', 'hubspot_sales_enabled', {
        'pipeline_id': 'text', 'pipeline_label': 'text',
    }) }}
),

stages as (
    select * from {{ family_relation('stg_hubspot__deal_pipeline_stages', 'hubspot_sales_enabled', {
        'pipeline_id': 'text', 'stage_id': 'text', 'stage_label': 'text',
        'display_order': 'integer', 'probability': 'numeric', 'is_closed': 'boolean',
    }) }}
),

owners as (
    select * from {{ ref('stg_hubspot__owners') }}
),

deal_contacts as (
    select
        deal_key,
        min(email_normalized) as contact_email_normalized,
        count(*) as contact_count
    from {{ ref('int_deal_contacts_unioned') }}
    group by deal_key
),

final as (
    select
        deals.deal_key,
        deals.deal_source,
        deals.source_deal_id,
        deals.deal_name,

        -- pipeline and stage
        deals.pipeline_id,
        pipelines.pipeline_label,
        deals.deal_stage_id,
        stages.stage_label as deal_stage_label,
        stages.display_order as deal_stage_order,
        stages.probability as deal_stage_probability,
        coalesce(stages.is_closed, false) as is_closed,
        coalesce(stages.is_closed and stages.probability > 0, false) as is_won,
        coalesce(stages.is_closed and stages.probability = 0, false) as is_lost,

        -- people
        deals.owner_id,
        owners.full_name as owner_name,
        deal_contacts.contact_email_normalized,
        cast(coalesce(deal_contacts.contact_count, 0) as integer) as contact_count,

        -- amounts
        deals.amount,
        deals.amount * stages.probability as weighted_amount,

        -- dates (UTC)
        deals.deal_created_at,
        deals.close_at
    from deals
    left join pipelines on deals.pipeline_id = pipelines.pipeline_id
    left join stages
        on
            deals.pipeline_id = stages.pipeline_id
            and deals.deal_stage_id = stages.stage_id
    left join owners on deals.owner_id = owners.owner_id
    left join deal_contacts on deals.deal_key = deal_contacts.deal_key
)

select * from final

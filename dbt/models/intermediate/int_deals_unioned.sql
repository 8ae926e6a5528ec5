{#-
    HubSpot deals and legacy-CRM (S3) deals in one shape. The legacy export uses the stage
    ids of HubSpot's default deal pipeline, so its deals are placed in pipeline `default`.
    With `hubspot_sales_enabled` off, only the legacy deals.
-#}
with hubspot_deals as (
    select * from {{ family_relation('stg_hubspot__deals', 'hubspot_sales_enabled', {
        'deal_id': 'text', 'deal_name': 'text', 'pipeline_id': 'text', 'deal_stage_id': 'text',
        'owner_id': 'text', 'amount': 'numeric(18, 2)', 'property_created_at': 'timestamp',
        'created_at': 'timestamp', 'closed_at': 'timestamp', 'is_deleted': 'boolean',
    }) }}
    where not is_deleted
),

s3_deals as (
    select * from {{ ref('stg_s3__deals') }}
    where not is_deleted
),

unioned as (
    select
        'hubspot:' || deal_id as deal_key,
        'hubspot' as deal_source,
        deal_id as source_deal_id,
        deal_name,
        pipeline_id,
        deal_stage_id,
        owner_id,
        cast(null as text) as contact_email_normalized,
        amount,
        coalesce(property_created_at, created_at) as deal_created_at,
        closed_at as close_at
    from hubspot_deals

    union all

    select
        's3:' || deal_id as deal_key,
        's3' as deal_source,
        deal_id as source_deal_id,
        deal_name,
        'default' as pipeline_id,
        deal_stage as deal_stage_id,
        cast(null as text) as owner_id,
        contact_email_normalized,
        amount,
        cast(created_date as timestamp) as deal_created_at,
        cast(close_date as timestamp) as close_at
    from s3_deals
)

select * from unioned

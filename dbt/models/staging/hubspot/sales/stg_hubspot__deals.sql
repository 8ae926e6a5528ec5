{{ config(enabled=var('hubspot_sales_enabled')) }}
{%- set columns = hubspot_source_columns('deals') -%}

with source as (
    select * from {{ source('hubspot', 'deals') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as deal_id,
        {{ hubspot_property(columns, 'hubspot_owner_id', 'text', 'owner_id') }},
        {{ hubspot_property(columns, 'pipeline', 'text', 'pipeline_id') }},
        {{ hubspot_property(columns, 'dealstage', 'text', 'deal_stage_id') }},

        -- properties
        {{ hubspot_property(columns, 'dealname', 'text', 'deal_name') }},
        {{ hubspot_property(columns, 'amount', 'numeric(18, 2)') }},
        {{ hubspot_property(columns, 'dealtype', 'text', 'deal_type') }},
        {{ hubspot_property(columns, 'hs_priority', 'text', 'priority') }},
        {{ hubspot_property(columns, 'hs_is_closed', 'boolean', 'is_closed') }},
        {{ hubspot_property(columns, 'hs_is_closed_won', 'boolean', 'is_closed_won') }},
        {{ hubspot_property(columns, 'closedate', 'timestamp', 'closed_at') }},
        {{ hubspot_property(columns, 'createdate', 'timestamp', 'property_created_at') }},
        {{ hubspot_property(columns, 'hs_lastmodifieddate', 'timestamp', 'property_modified_at') }},

        -- timestamps (UTC)
        {{ to_utc_timestamp('"createdAt"') }} as created_at,
        {{ to_utc_timestamp('"updatedAt"') }} as updated_at,

        -- status
        coalesce(cast(archived as boolean), false)
        or _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

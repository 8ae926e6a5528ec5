{{ config(enabled=var('hubspot_service_enabled')) }}
{%- set columns = hubspot_source_columns('tickets') -%}

with source as (
    select * from {{ source('hubspot', 'tickets') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as ticket_id,
        {{ hubspot_property(columns, 'hubspot_owner_id', 'text', 'owner_id') }},
        {{ hubspot_property(columns, 'hs_pipeline', 'text', 'pipeline_id') }},
        {{ hubspot_property(columns, 'hs_pipeline_stage', 'text', 'ticket_stage_id') }},

        -- properties
        {{ hubspot_property(columns, 'subject', 'text', 'ticket_subject') }},
        {{ hubspot_property(columns, 'hs_ticket_priority', 'text', 'priority') }},
        {{ hubspot_property(columns, 'hs_ticket_category', 'text', 'ticket_category') }},
        {{ hubspot_property(columns, 'closed_date', 'timestamp', 'closed_at') }},
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

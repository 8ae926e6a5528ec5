{%- set columns = hubspot_source_columns('leads') -%}

with source as (
    select * from {{ source('hubspot', 'leads') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as lead_id,
        {{ hubspot_property(columns, 'hubspot_owner_id', 'text', 'owner_id') }},
        {{ hubspot_property(columns, 'hs_pipeline', 'text', 'pipeline_id') }},
        {{ hubspot_property(columns, 'hs_pipeline_stage', 'text', 'lead_stage_id') }},

        -- properties
        {{ hubspot_property(columns, 'hs_lead_name', 'text', 'lead_name') }},
        {{ hubspot_property(columns, 'hs_lead_type', 'text', 'lead_type') }},
        {{ hubspot_property(columns, 'hs_lead_label', 'text', 'lead_label') }},
        {{ hubspot_property(columns, 'hs_createdate', 'timestamp', 'property_created_at') }},
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

{{ config(enabled=var('hubspot_engagements_enabled')) }}
{%- set columns = hubspot_source_columns('notes') -%}

with source as (
    select * from {{ source('hubspot', 'notes') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as note_id,
        {{ hubspot_property(columns, 'hubspot_owner_id', 'text', 'owner_id') }},

        -- properties
        {{ hubspot_property(columns, 'hs_timestamp', 'timestamp', 'activity_at') }},

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

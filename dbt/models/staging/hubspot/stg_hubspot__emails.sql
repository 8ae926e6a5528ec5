{{ config(enabled=var('hubspot_engagements_enabled')) }}
{%- set columns = hubspot_source_columns('emails') -%}

with source as (
    select * from {{ source('hubspot', 'emails') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as email_id,
        {{ hubspot_property(columns, 'hubspot_owner_id', 'text', 'owner_id') }},

        -- properties
        {{ hubspot_property(columns, 'hs_timestamp', 'timestamp', 'activity_at') }},
        {{ hubspot_property(columns, 'hs_email_subject', 'text', 'email_subject') }},
        {{ hubspot_property(columns, 'hs_email_direction', 'text', 'email_direction') }},
        {{ hubspot_property(columns, 'hs_email_status', 'text', 'email_status') }},

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

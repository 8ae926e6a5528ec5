{%- set columns = hubspot_source_columns('postal_mail') -%}

with source as (
    select * from {{ source('hubspot', 'postal_mail') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as postal_mail_id,
        {{ hubspot_property(columns, 'hubspot_owner_id', 'text', 'owner_id') }},

        -- properties
        {{ hubspot_property(columns, 'hs_timestamp', 'timestamp', 'activity_at') }},
        {{ hubspot_property(columns, 'hs_postal_mail_body', 'text', 'postal_mail_body') }},

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

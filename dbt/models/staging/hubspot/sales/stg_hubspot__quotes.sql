{{ config(enabled=var('hubspot_sales_enabled')) }}
{%- set columns = hubspot_source_columns('quotes') -%}

with source as (
    select * from {{ source('hubspot', 'quotes') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as quote_id,
        {{ hubspot_property(columns, 'hubspot_owner_id', 'text', 'owner_id') }},

        -- properties
        {{ hubspot_property(columns, 'hs_title', 'text', 'quote_title') }},
        {{ hubspot_property(columns, 'hs_quote_number', 'text', 'quote_number') }},
        {{ hubspot_property(columns, 'hs_status', 'text', 'quote_status') }},
        {{ hubspot_property(columns, 'hs_quote_amount', 'numeric(18, 2)', 'quote_amount') }},
        {{ hubspot_property(columns, 'hs_terms', 'text', 'terms') }},
        {{ hubspot_property(columns, 'hs_expiration_date', 'timestamp', 'expires_at') }},
        {{ hubspot_property(columns, 'hs_createdate', 'timestamp', 'property_created_at') }},

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

{{ config(enabled=var('hubspot_sales_enabled')) }}
{%- set columns = hubspot_source_columns('line_items') -%}

with source as (
    select * from {{ source('hubspot', 'line_items') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as line_item_id,
        {{ hubspot_property(columns, 'hs_product_id', 'text', 'product_id') }},

        -- properties
        {{ hubspot_property(columns, 'name', 'text', 'line_item_name') }},
        {{ hubspot_property(columns, 'hs_sku', 'text', 'sku') }},
        {{ hubspot_property(columns, 'quantity', 'numeric') }},
        {{ hubspot_property(columns, 'price', 'numeric(18, 2)') }},
        {{ hubspot_property(columns, 'amount', 'numeric(18, 2)') }},
        {{ hubspot_property(columns, 'recurringbillingfrequency', 'text', 'billing_frequency') }},
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

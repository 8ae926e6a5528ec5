{{ config(enabled=var('hubspot_sales_enabled')) }}
{%- set columns = hubspot_source_columns('products') -%}

with source as (
    select * from {{ source('hubspot', 'products') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as product_id,

        -- properties
        {{ hubspot_property(columns, 'name', 'text', 'product_name') }},
        {{ hubspot_property(columns, 'hs_sku', 'text', 'sku') }},
        {{ hubspot_property(columns, 'description', 'text', 'product_description') }},
        {{ hubspot_property(columns, 'price', 'numeric(18, 2)') }},
        {{ hubspot_property(
            columns, 'hs_cost_of_goods_sold', 'numeric(18, 2)', 'cost_of_goods_sold'
        ) }},
        {{ hubspot_property(
            columns, 'hs_recurring_billing_period', 'text', 'recurring_billing_period'
        ) }},
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

{{ config(enabled=var('hubspot_sales_enabled')) }}
with source as (
    select * from {{ source('hubspot', 'deal_contact_associations') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'from_id, to_id, association_type_id') }}
),

renamed as (
    select
        -- ids
        cast(from_id as text)
        || ':' || cast(to_id as text)
        || ':' || coalesce(cast(association_type_id as text), '') as deal_contact_association_id,
        cast(from_id as text) as deal_id,
        cast(to_id as text) as contact_id,

        -- attributes
        cast(association_type_category as text) as association_type_category,
        cast(association_type_id as integer) as association_type_id,
        nullif(cast(association_type_label as text), '') as association_type_label,

        -- singer metadata
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

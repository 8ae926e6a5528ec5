with source as (
    select * from {{ source('hubspot', 'email_subscriptions') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as email_subscription_id,
        cast("portalId" as text) as portal_id,
        cast("businessUnitId" as text) as business_unit_id,

        -- attributes
        nullif(trim(cast(name as text)), '') as subscription_name,
        nullif(trim(cast("internalName" as text)), '') as internal_name,
        nullif(trim(cast(description as text)), '') as subscription_description,
        nullif(trim(cast(category as text)), '') as category,
        nullif(trim(cast(channel as text)), '') as channel,
        coalesce(cast(active as boolean), false) as is_active,
        coalesce(cast(internal as boolean), false) as is_internal,

        -- status
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

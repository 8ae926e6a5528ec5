with source as (
    select * from {{ source('oltp', 'providers') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'provider_id') }}
),

renamed as (
    select
        -- ids
        cast(provider_id as text) as provider_id,
        cast(supervising_physician_id as text) as supervising_physician_id,
        cast(state_id as text) as state_id,

        -- attributes
        cast(first_name as text) as first_name,
        cast(last_name as text) as last_name,
        cast(email as text) as email,
        lower(trim(cast(email as text))) as email_normalized,
        cast(provider_type as text) as provider_type,
        cast(license_number as text) as license_number,
        cast(status as text) as status,

        -- timestamps (UTC)
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,

        -- singer metadata
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

with source as (
    select * from {{ source('oltp', 'physicians') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'physician_id') }}
),

renamed as (
    select
        -- ids
        cast(physician_id as text) as physician_id,
        cast(state_id as text) as state_id,

        -- attributes
        cast(first_name as text) as first_name,
        cast(last_name as text) as last_name,
        cast(email as text) as email,
        lower(trim(cast(email as text))) as email_normalized,
        cast(npi as text) as npi,
        cast(specialty as text) as specialty,
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

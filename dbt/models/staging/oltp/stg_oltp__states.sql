with source as (
    select * from {{ source('oltp', 'states') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'state_id') }}
),

renamed as (
    select
        -- ids
        cast(state_id as text) as state_id,

        -- attributes
        upper(trim(cast(code as text))) as state_code,
        cast(name as text) as state_name,
        cast(review_sla_days as integer) as review_sla_days,

        -- timestamps (UTC)
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,

        -- singer metadata
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

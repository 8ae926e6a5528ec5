with source as (
    select * from {{ source('oltp', 'case_reviews') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'review_id') }}
),

renamed as (
    select
        -- ids
        cast(review_id as text) as review_id,
        cast(case_id as text) as case_id,
        cast(physician_id as text) as physician_id,

        -- attributes
        cast(status as text) as status,
        cast(outcome as text) as outcome,

        -- timestamps (UTC)
        cast(requested_at as timestamp) as requested_at,
        cast(due_at as timestamp) as due_at,
        cast(reviewed_at as timestamp) as reviewed_at,
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,

        -- singer metadata
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

with source as (
    select * from {{ source('oltp', 'cases') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'case_id') }}
),

renamed as (
    select
        -- ids
        cast(case_id as text) as case_id,
        cast(provider_id as text) as provider_id,
        cast(state_id as text) as state_id,
        cast(patient_ref as text) as patient_ref,

        -- attributes
        cast(case_type as text) as case_type,
        cast(priority as text) as priority,
        cast(status as text) as status,

        -- timestamps (UTC)
        cast(opened_at as timestamp) as opened_at,
        cast(closed_at as timestamp) as closed_at,
        cast(created_at as timestamp) as created_at,
        cast(updated_at as timestamp) as updated_at,

        -- singer metadata
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

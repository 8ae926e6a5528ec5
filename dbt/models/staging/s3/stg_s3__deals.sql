with source as (
    select * from {{ source('s3', 'deals_csv') }}
    -- malformed rows (surplus fields in `_sdc_extra`) are reported by
    -- assert_no_malformed_csv_rows, never staged
    where coalesce(cardinality(_sdc_extra), 0) = 0
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'deal_id') }}
),

renamed as (
    select
        -- ids
        cast(deal_id as text) as deal_id,

        -- attributes
        nullif(trim(cast(deal_name as text)), '') as deal_name,
        nullif(lower(trim(cast(contact_email as text))), '') as contact_email_normalized,
        cast(nullif(trim(cast(amount as text)), '') as numeric(14, 2)) as amount,
        nullif(lower(trim(cast(deal_stage as text))), '') as deal_stage,

        -- dates (UTC)
        cast(nullif(trim(cast(close_date as text)), '') as date) as close_date,
        cast(nullif(trim(cast(created_date as text)), '') as date) as created_date,

        -- singer metadata
        _sdc_source_file as source_file,
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

with source as (
    select * from {{ source('s3', 'contacts_csv') }}
    -- malformed rows (surplus fields in `_sdc_extra`) are reported by
    -- assert_no_malformed_csv_rows, never staged
    where coalesce(cardinality(_sdc_extra), 0) = 0
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'contact_id') }}
),

renamed as (
    select
        -- ids
        cast(contact_id as text) as contact_id,

        -- attributes
        nullif(trim(cast(email as text)), '') as email,
        nullif(lower(trim(cast(email as text))), '') as email_normalized,
        nullif(trim(cast(first_name as text)), '') as first_name,
        nullif(trim(cast(last_name as text)), '') as last_name,
        nullif(trim(cast(phone as text)), '') as phone,
        nullif(trim(cast(company_name as text)), '') as company_name,
        nullif(lower(trim(cast(lifecycle_stage as text))), '') as lifecycle_stage,

        -- dates and timestamps (UTC)
        cast(nullif(trim(cast(created_date as text)), '') as date) as created_date,
        {{ to_utc_timestamp('updated_at') }} as updated_at,

        -- singer metadata
        _sdc_source_file as source_file,
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

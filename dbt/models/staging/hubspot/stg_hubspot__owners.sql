with source as (
    select * from {{ source('hubspot', 'owners') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as owner_id,
        cast("userId" as text) as user_id,

        -- attributes
        nullif(email, '') as email,
        lower(trim(nullif(email, ''))) as email_normalized,
        nullif("firstName", '') as first_name,
        nullif("lastName", '') as last_name,
        nullif(trim(concat_ws(' ', "firstName", "lastName")), '') as full_name,

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

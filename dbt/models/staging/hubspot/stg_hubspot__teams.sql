with source as (
    select * from {{ source('hubspot', 'teams') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as team_id,

        -- attributes
        nullif(trim(cast(name as text)), '') as team_name,
        coalesce(cast(cast("userIds" as text) as jsonb), cast('[]' as jsonb)) as user_ids,
        coalesce(
            cast(cast("secondaryUserIds" as text) as jsonb), cast('[]' as jsonb)
        ) as secondary_user_ids,
        jsonb_array_length(
            coalesce(cast(cast("userIds" as text) as jsonb), cast('[]' as jsonb))
        ) as user_count,

        -- status
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

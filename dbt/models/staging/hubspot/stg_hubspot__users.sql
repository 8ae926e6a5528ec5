with source as (
    select * from {{ source('hubspot', 'users') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as user_id,
        nullif(cast(primaryteamid as text), '') as primary_team_id,

        -- attributes
        nullif(trim(cast(email as text)), '') as email,
        nullif(lower(trim(cast(email as text))), '') as email_normalized,
        coalesce(cast(cast("roleIds" as text) as jsonb), cast('[]' as jsonb)) as role_ids,

        -- status
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

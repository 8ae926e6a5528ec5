{%- set columns = hubspot_source_columns('goal_targets') -%}

with source as (
    select * from {{ source('hubspot', 'goal_targets') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as goal_target_id,
        {{ hubspot_property(columns, 'hs_assignee_user_id', 'text', 'assignee_user_id') }},
        {{ hubspot_property(columns, 'hs_assignee_team_id', 'text', 'assignee_team_id') }},

        -- properties
        {{ hubspot_property(columns, 'hs_goal_name', 'text', 'goal_name') }},
        {{ hubspot_property(columns, 'hs_target_amount', 'numeric(18, 2)', 'target_amount') }},
        {{ hubspot_property(columns, 'hs_start_datetime', 'timestamp', 'starts_at') }},
        {{ hubspot_property(columns, 'hs_end_datetime', 'timestamp', 'ends_at') }},
        {{ hubspot_property(columns, 'hs_createdate', 'timestamp', 'property_created_at') }},
        {{ hubspot_property(columns, 'hs_lastmodifieddate', 'timestamp', 'property_modified_at') }},

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

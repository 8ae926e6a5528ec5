{{ config(enabled=var('hubspot_engagements_enabled')) }}
{%- set columns = hubspot_source_columns('tasks') -%}

with source as (
    select * from {{ source('hubspot', 'tasks') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as task_id,
        {{ hubspot_property(columns, 'hubspot_owner_id', 'text', 'owner_id') }},

        -- properties
        {{ hubspot_property(columns, 'hs_timestamp', 'timestamp', 'activity_at') }},
        {{ hubspot_property(columns, 'hs_task_subject', 'text', 'task_subject') }},
        {{ hubspot_property(columns, 'hs_task_status', 'text', 'task_status') }},
        {{ hubspot_property(columns, 'hs_task_priority', 'text', 'task_priority') }},
        {{ hubspot_property(columns, 'hs_task_type', 'text', 'task_type') }},

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

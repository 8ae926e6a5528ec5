{{ config(enabled=var('hubspot_service_enabled')) }}
with source as (
    select * from {{ source('hubspot', 'ticket_pipelines') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', '"pipelineId"') }}
),

renamed as (
    select
        -- ids
        cast("pipelineId" as text) as pipeline_id,

        -- attributes
        cast(label as text) as pipeline_label,
        cast("displayOrder" as integer) as display_order,
        coalesce(cast(active as boolean), true) as is_active,
        jsonb_array_length(coalesce(cast(stages as jsonb), cast('[]' as jsonb))) as stage_count,

        -- timestamps (UTC)
        {{ to_utc_timestamp('"createdAt"') }} as created_at,
        {{ to_utc_timestamp('"updatedAt"') }} as updated_at,

        -- status
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

{{ config(enabled=var('hubspot_sales_enabled')) }}
with source as (
    select * from {{ source('hubspot', 'deal_pipelines') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', '"pipelineId"') }}
),

unnested as (
    select
        deduplicated."pipelineId",
        deduplicated._sdc_deleted_at,
        deduplicated._sdc_batched_at,
        stage_element.stage_json,
        stage_element.stage_position
    from deduplicated
    cross join lateral jsonb_array_elements(
        coalesce(cast(deduplicated.stages as jsonb), cast('[]' as jsonb))
    ) with ordinality as stage_element (stage_json, stage_position)
),

renamed as (
    select
        -- ids
        cast("pipelineId" as text) || ':' || (stage_json ->> 'stageId') as pipeline_stage_id,
        cast("pipelineId" as text) as pipeline_id,
        stage_json ->> 'stageId' as stage_id,

        -- attributes
        stage_json ->> 'label' as stage_label,
        coalesce(
            cast(stage_json ->> 'displayOrder' as integer),
            cast(stage_position as integer) - 1
        ) as display_order,
        cast(nullif(stage_json -> 'metadata' ->> 'probability', '') as numeric) as probability,
        cast(nullif(lower(stage_json -> 'metadata' ->> 'isClosed'), '') as boolean) as is_closed,
        coalesce(cast(stage_json ->> 'active' as boolean), true) as is_active,

        -- status
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from unnested
)

select * from renamed

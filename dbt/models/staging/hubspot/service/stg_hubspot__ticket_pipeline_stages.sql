{{ config(enabled=var('hubspot_service_enabled')) }}
with source as (
    select * from {{ source('hubspot', 'ticket_pipelines') }}
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
        stage_json -> 'metadata' ->> 'ticketState' as ticket_state,
        coalesce(
            cast(nullif(lower(stage_json -> 'metadata' ->> 'isClosed'), '') as boolean),
            upper(stage_json -> 'metadata' ->> 'ticketState') = 'CLOSED'
        ) as is_closed,
        coalesce(cast(stage_json ->> 'active' as boolean), true) as is_active,

        -- status
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from unnested
)

select * from renamed

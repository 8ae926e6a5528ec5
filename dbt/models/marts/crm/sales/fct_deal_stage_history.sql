{{ config(enabled=var('hubspot_sales_enabled')) }}
{#-
    One row per deal (archived excluded) and pipeline stage it entered, from HubSpot's
    stage-timing properties: when it most recently entered and exited the stage, how long
    it stayed, and whether it is there now. A deal moved back to a stage shows that stage's
    latest entry, still open; a skipped stage has no row.
    days_in_stage: exited - entered; for the deal's current, open stage, the time from
    entering it up to the data's as-of time (the newest HubSpot modification the warehouse
    holds, not the clock of the dbt run, so a rebuild gives the same figures); null for a
    closed stage the deal is still in, where time no longer counts.
-#}
with timings as (
    select * from {{ ref('stg_hubspot__deal_stage_timings') }}
    where entered_at is not null
),

deals as (
    select * from {{ ref('stg_hubspot__deals') }}
    where not is_deleted
),

stages as (
    select * from {{ ref('stg_hubspot__deal_pipeline_stages') }}
    where not is_deleted
),

pipelines as (
    select * from {{ ref('stg_hubspot__deal_pipelines') }}
),

as_of as (
    {{ hubspot_data_as_of('stg_hubspot__deals') }}
),

joined as (
    select
        timings.deal_stage_timing_id,
        timings.deal_id,
        timings.stage_id,
        timings.entered_at,
        timings.exited_at,
        stages.pipeline_id,
        pipelines.pipeline_label,
        stages.stage_label,
        stages.display_order,
        coalesce(stages.is_closed, false) as is_closed_stage,
        coalesce(stages.is_closed and stages.probability > 0, false) as is_won_stage,
        coalesce(stages.is_closed and stages.probability = 0, false) as is_lost_stage,
        timings.stage_id = deals.deal_stage_id as is_current_stage,
        as_of.data_as_of
    from timings
    inner join deals on timings.deal_id = deals.deal_id
    left join stages on timings.stage_id = stages.stage_id
    left join pipelines on stages.pipeline_id = pipelines.pipeline_id
    cross join as_of
),

final as (
    select
        deal_stage_timing_id as deal_stage_history_id,
        deal_id,

        -- pipeline and stage
        pipeline_id,
        pipeline_label,
        stage_id,
        stage_label,
        display_order as stage_display_order,
        is_closed_stage,
        is_won_stage,
        is_lost_stage,

        -- time in stage (UTC)
        entered_at,
        exited_at,
        is_current_stage,
        {{ days_in_stage(
            'entered_at', 'exited_at', 'is_current_stage and not is_closed_stage', 'data_as_of'
        ) }} as days_in_stage
    from joined
)

select * from final

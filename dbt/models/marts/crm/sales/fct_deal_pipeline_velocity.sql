{{ config(enabled=var('hubspot_sales_enabled')) }}
{#-
    One row per deal pipeline stage (stages no deal entered included): how many deals
    entered it, how many of those went on to a later stage and to won, and how long they
    stayed (median and 90th percentile, over completed stays only: a deal still in the stage
    has not finished its time there).
    "Later stage" is by the pipeline's display order and excludes lost stages (closed with
    probability 0): losing is not progress. A deal counts as converted when it ever entered
    such a stage, also if it was moved back since.
-#}
with stages as (
    select * from {{ ref('stg_hubspot__deal_pipeline_stages') }}
    where not is_deleted
),

pipelines as (
    select * from {{ ref('stg_hubspot__deal_pipelines') }}
),

history as (
    select * from {{ ref('fct_deal_stage_history') }}
),

deal_reach as (
    select
        history.*,
        max(history.stage_display_order) filter (where not history.is_lost_stage) over (
            partition by history.deal_id, history.pipeline_id
        ) as furthest_stage_order,
        bool_or(history.is_won_stage)
            over (partition by history.deal_id, history.pipeline_id)
            as was_won
    from history
),

per_stage as (
    select
        pipeline_id,
        stage_id,
        count(*) as deals_entered,
        count(*) filter (where furthest_stage_order > stage_display_order)
            as deals_to_later_stage,
        count(*) filter (where was_won) as deals_won,
        count(*) filter (where is_current_stage) as deals_in_stage_now,
        count(*) filter (where exited_at is not null) as completed_stays,
        percentile_cont(0.5) within group (order by days_in_stage)
        filter (where exited_at is not null) as median_days_in_stage,
        percentile_cont(0.9) within group (order by days_in_stage)
        filter (where exited_at is not null) as p90_days_in_stage
    from deal_reach
    group by pipeline_id, stage_id
),

final as (
    select
        stages.pipeline_stage_id,
        stages.pipeline_id,
        pipelines.pipeline_label,
        stages.stage_id,
        stages.stage_label,
        stages.display_order as stage_display_order,
        coalesce(stages.is_closed, false) as is_closed_stage,

        -- deals
        cast(coalesce(per_stage.deals_entered, 0) as integer) as deals_entered,
        cast(coalesce(per_stage.deals_to_later_stage, 0) as integer) as deals_to_later_stage,
        cast(coalesce(per_stage.deals_won, 0) as integer) as deals_won,
        cast(coalesce(per_stage.deals_in_stage_now, 0) as integer) as deals_in_stage_now,
        cast(coalesce(per_stage.completed_stays, 0) as integer) as completed_stays,

        -- rates (null when no deal entered the stage)
        round(per_stage.deals_to_later_stage / nullif(per_stage.deals_entered, 0.0), 4)
            as conversion_rate_to_later_stage,
        round(per_stage.deals_won / nullif(per_stage.deals_entered, 0.0), 4)
            as conversion_rate_to_won,

        -- time in stage, days
        round(cast(per_stage.median_days_in_stage as numeric), 3) as median_days_in_stage,
        round(cast(per_stage.p90_days_in_stage as numeric), 3) as p90_days_in_stage
    from stages
    left join pipelines on stages.pipeline_id = pipelines.pipeline_id
    left join per_stage
        on
            stages.pipeline_id = per_stage.pipeline_id
            and stages.stage_id = per_stage.stage_id
)

select * from final

{{ config(enabled=var('hubspot_sales_enabled')) }}
{#-
    One row per deal pipeline stage, including stages without deals. A deal "reached" an
    open stage when it sits in that stage or in any later stage of the same pipeline that
    is not a lost stage (closed with probability 0); closed stages count only their deals.
-#}
with stages as (
    select * from {{ ref('stg_hubspot__deal_pipeline_stages') }}
    where not is_deleted
),

pipelines as (
    select * from {{ ref('stg_hubspot__deal_pipelines') }}
),

deals as (
    select * from {{ ref('fct_deals') }}
),

in_stage as (
    select
        stages.pipeline_stage_id,
        count(deals.deal_key) as deals_in_stage,
        coalesce(sum(deals.amount), 0) as amount_in_stage
    from stages
    left join deals
        on
            stages.pipeline_id = deals.pipeline_id
            and stages.stage_id = deals.deal_stage_id
    group by stages.pipeline_stage_id
),

reached as (
    select
        stages.pipeline_stage_id,
        count(deals.deal_key) as deals_reached_stage
    from stages
    left join deals
        on
            stages.pipeline_id = deals.pipeline_id
            and (
                (stages.is_closed and stages.stage_id = deals.deal_stage_id)
                or (
                    not stages.is_closed
                    and stages.display_order <= deals.deal_stage_order
                    and not deals.is_lost
                )
            )
    group by stages.pipeline_stage_id
),

final as (
    select
        stages.pipeline_stage_id,
        stages.pipeline_id,
        pipelines.pipeline_label,
        stages.stage_id,
        stages.stage_label,
        stages.display_order,
        stages.probability,
        stages.is_closed,
        cast(in_stage.deals_in_stage as integer) as deals_in_stage,
        in_stage.amount_in_stage,
        cast(reached.deals_reached_stage as integer) as deals_reached_stage,
        round(
            cast(reached.deals_reached_stage as numeric)
            / nullif(first_value(reached.deals_reached_stage) over pipeline_order, 0),
            4
        ) as share_of_pipeline_entries
    from stages
    left join pipelines on stages.pipeline_id = pipelines.pipeline_id
    left join in_stage on stages.pipeline_stage_id = in_stage.pipeline_stage_id
    left join reached on stages.pipeline_stage_id = reached.pipeline_stage_id
    window pipeline_order as (partition by stages.pipeline_id order by stages.display_order)
)

select * from final

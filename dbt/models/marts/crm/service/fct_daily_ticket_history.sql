{{ config(enabled=var('hubspot_service_enabled')) }}
{#-
    One row per HubSpot ticket (archived excluded) and calendar day (UTC) from the day it was
    opened to the day it closed (the data's as-of day while it is open), with the pipeline,
    stage and owner it had at the end of that day.
    - Stage: from HubSpot's stage-timing properties, which reach back before our first sync;
      each stage holds from its latest entry until it was left or the next stage entered.
      They keep only the latest visit of each stage, so the days of an earlier visit that
      was overwritten (a ticket closed, then reopened into a stage it had been in) fall back
      to the synced version below.
    - Pipeline and owner: from the ticket's SCD2 versions (snap_hubspot__tickets). Days before
      our first sync of the ticket take its first synced version; `is_synced_version_day`
      says whether a version actually covered the day.
-#}
with tickets as (
    select * from {{ ref('stg_hubspot__tickets') }}
    where not is_deleted
),

timings as (
    select * from {{ ref('stg_hubspot__ticket_stage_timings') }}
    where entered_at is not null
),

versions as (
    select * from {{ ref('hist_hubspot__ticket_versions') }}
),

stages as (
    select * from {{ ref('stg_hubspot__ticket_pipeline_stages') }}
    where not is_deleted
),

pipelines as (
    select * from {{ ref('stg_hubspot__ticket_pipelines') }}
),

owners as (
    select * from {{ ref('stg_hubspot__owners') }}
),

as_of as (
    {{ hubspot_data_as_of('stg_hubspot__tickets') }}
),

-- A stage holds until it was left or the next stage was entered, whichever came first: a
-- later visit of another stage can hide an earlier one (the gap falls back to the version).
stage_spans as (
    select
        timings.ticket_id,
        timings.stage_id,
        timings.entered_at as span_from,
        coalesce(
            least(
                timings.exited_at,
                lead(timings.entered_at) over (
                    partition by timings.ticket_id order by timings.entered_at, timings.stage_id
                )
            ),
            cast('infinity' as timestamp)
        ) as span_to
    from timings
),

version_spans as (
    select
        ticket_id,
        pipeline_id,
        ticket_stage_id,
        owner_id,
        valid_from,
        case when is_first_version then cast('-infinity' as timestamp) else valid_from end
            as span_from,
        coalesce(valid_to, cast('infinity' as timestamp)) as span_to
    from versions
),

ticket_days as (
    select
        tickets.ticket_id,
        cast(coalesce(tickets.property_created_at, tickets.created_at) as date) as first_day,
        case
            when current_stage.is_closed
                then cast(coalesce(current_timing.entered_at, tickets.closed_at) as date)
            else cast(as_of.data_as_of as date)
        end as last_day
    from tickets
    cross join as_of
    left join stages as current_stage
        on
            tickets.pipeline_id = current_stage.pipeline_id
            and tickets.ticket_stage_id = current_stage.stage_id
    left join timings as current_timing
        on
            tickets.ticket_id = current_timing.ticket_id
            and tickets.ticket_stage_id = current_timing.stage_id
),

-- The ticket's own date spine: one row per day it was open, and the day it closed.
days as (
    select
        ticket_days.ticket_id,
        cast(spine.day_start as date) as date_day,
        spine.day_start + interval '1 day' as day_end
    from ticket_days
    cross join lateral generate_series(
        cast(ticket_days.first_day as timestamp),
        cast(greatest(ticket_days.first_day, ticket_days.last_day) as timestamp),
        interval '1 day'
    ) as spine (day_start)
),

with_state as (
    select
        days.ticket_id,
        days.date_day,
        stage_spans.stage_id as timed_stage_id,
        version_spans.ticket_stage_id as synced_stage_id,
        version_spans.pipeline_id,
        version_spans.owner_id,
        days.day_end > version_spans.valid_from as is_synced_version_day
    from days
    left join stage_spans
        on
            days.ticket_id = stage_spans.ticket_id
            and days.day_end > stage_spans.span_from
            and days.day_end <= stage_spans.span_to
    left join version_spans
        on
            days.ticket_id = version_spans.ticket_id
            and days.day_end > version_spans.span_from
            and days.day_end <= version_spans.span_to
),

final as (
    select
        with_state.ticket_id || ':' || cast(with_state.date_day as text) as ticket_day_id,
        with_state.ticket_id,
        with_state.date_day,

        -- pipeline and stage at the end of the day
        coalesce(stages.pipeline_id, with_state.pipeline_id) as pipeline_id,
        pipelines.pipeline_label,
        coalesce(with_state.timed_stage_id, with_state.synced_stage_id) as ticket_stage_id,
        stages.stage_label,
        coalesce(stages.is_closed, false) as is_closed,
        with_state.timed_stage_id is not null as is_stage_from_timing,

        -- owner at the end of the day
        with_state.owner_id,
        owners.full_name as owner_name,
        coalesce(with_state.is_synced_version_day, false) as is_synced_version_day
    from with_state
    left join stages
        on coalesce(with_state.timed_stage_id, with_state.synced_stage_id) = stages.stage_id
    left join pipelines
        on coalesce(stages.pipeline_id, with_state.pipeline_id) = pipelines.pipeline_id
    left join owners on with_state.owner_id = owners.owner_id
)

select * from final

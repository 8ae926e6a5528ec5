{{ config(enabled=var('hubspot_engagements_enabled')) }}

with engagements as (
    select * from {{ ref('int_engagements_unioned') }}
    where owner_id is not null and activity_at is not null
),

owners as (
    select * from {{ ref('stg_hubspot__owners') }}
),

daily as (
    select
        owner_id,
        cast(activity_at as date) as activity_date,
        count(*) filter (where engagement_type = 'call') as call_count,
        count(*) filter (where engagement_type = 'email') as email_count,
        count(*) filter (where engagement_type = 'meeting') as meeting_count,
        count(*) filter (where engagement_type = 'note') as note_count,
        count(*) filter (where engagement_type = 'task') as task_count,
        count(*) as engagement_count
    from engagements
    group by owner_id, cast(activity_at as date)
),

final as (
    select
        daily.owner_id || '_' || cast(daily.activity_date as text) as owner_day_id,
        daily.owner_id,
        owners.full_name as owner_name,
        daily.activity_date,
        cast(daily.call_count as integer) as call_count,
        cast(daily.email_count as integer) as email_count,
        cast(daily.meeting_count as integer) as meeting_count,
        cast(daily.note_count as integer) as note_count,
        cast(daily.task_count as integer) as task_count,
        cast(daily.engagement_count as integer) as engagement_count
    from daily
    left join owners on daily.owner_id = owners.owner_id
)

select * from final

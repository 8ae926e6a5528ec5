{#-
    Case load per physician per UTC calendar day. Every day of the spine is computed from
    cumulative event counts (requested, completed, became due, due-and-completed) so the
    model stays linear in the number of reviews. Definitions: see _supervision__models.yml.
-#}
{%- set high_pending = var('case_load_high_pending') -%}
{%- set high_overdue_rate = var('case_load_high_overdue_rate') -%}
{%- set overloaded_pending = var('case_load_overloaded_pending') -%}
{%- set overloaded_overdue_rate = var('case_load_overloaded_overdue_rate') -%}

with physicians as (
    select physician_id from {{ ref('dim_physician') }}
),

reviews as (
    select
        case_reviews.physician_id,
        cast(case_reviews.requested_at as date) as requested_date,
        cast(case_reviews.reviewed_at as date) as reviewed_date,
        cast(case_reviews.due_at as date) as due_date,
        extract(epoch from case_reviews.reviewed_at - case_reviews.requested_at)
        / 86400.0 as days_to_review
    from {{ ref('stg_oltp__case_reviews') }} as case_reviews
    inner join physicians on case_reviews.physician_id = physicians.physician_id
    where not case_reviews.is_deleted
),

spine_bounds as (
    select
        min(requested_date) as first_day,
        max(greatest(requested_date, reviewed_date)) as last_day
    from reviews
),

days as (
    {{ date_spine(
        '(select spine_bounds.first_day from spine_bounds)',
        '(select spine_bounds.last_day from spine_bounds)'
    ) }}
),

events as (
    -- requested
    select
        physician_id,
        requested_date as event_date,
        1 as requested,
        0 as completed,
        0 as became_due,
        0 as due_and_completed,
        cast(null as numeric) as days_to_review
    from reviews

    union all

    -- completed
    select
        physician_id,
        reviewed_date as event_date,
        0 as requested,
        1 as completed,
        0 as became_due,
        0 as due_and_completed,
        days_to_review
    from reviews
    where reviewed_date is not null

    union all

    -- due (the review counts as overdue from the end of its due day while still pending)
    select
        physician_id,
        due_date as event_date,
        0 as requested,
        0 as completed,
        1 as became_due,
        0 as due_and_completed,
        cast(null as numeric) as days_to_review
    from reviews

    union all

    -- due and completed (no longer able to be overdue from this day)
    select
        physician_id,
        greatest(due_date, reviewed_date) as event_date,
        0 as requested,
        0 as completed,
        0 as became_due,
        1 as due_and_completed,
        cast(null as numeric) as days_to_review
    from reviews
    where reviewed_date is not null
),

daily_events as (
    select
        physician_id,
        event_date,
        sum(requested) as requested,
        sum(completed) as completed,
        sum(became_due) as became_due,
        sum(due_and_completed) as due_and_completed,
        avg(days_to_review) as avg_days_to_review
    from events
    group by physician_id, event_date
),

physician_days as (
    select
        physicians.physician_id,
        days.date_day as activity_date,
        coalesce(daily_events.requested, 0) as reviews_requested,
        coalesce(daily_events.completed, 0) as reviews_completed,
        coalesce(daily_events.became_due, 0) as reviews_became_due,
        coalesce(daily_events.due_and_completed, 0) as reviews_due_and_completed,
        daily_events.avg_days_to_review
    from physicians
    cross join days
    left join daily_events
        on
            physicians.physician_id = daily_events.physician_id
            and days.date_day = daily_events.event_date
),

cumulated as (
    select
        physician_id,
        activity_date,
        reviews_requested,
        reviews_completed,
        avg_days_to_review,
        sum(reviews_requested - reviews_completed) over physician_to_date
            as reviews_pending,
        sum(reviews_became_due - reviews_due_and_completed) over physician_to_date
            as reviews_overdue
    from physician_days
    window physician_to_date as (
        partition by physician_id
        order by activity_date
        rows between unbounded preceding and current row
    )
),

measured as (
    select
        physician_id,
        activity_date,
        cast(reviews_requested as integer) as reviews_requested,
        cast(reviews_completed as integer) as reviews_completed,
        cast(reviews_pending as integer) as reviews_pending,
        cast(reviews_overdue as integer) as reviews_overdue,
        round(cast(avg_days_to_review as numeric), 2) as avg_days_to_review,
        round(
            cast(reviews_overdue as numeric) / nullif(reviews_pending, 0), 4
        ) as overdue_rate
    from cumulated
),

final as (
    select
        physician_id || '_' || cast(activity_date as text) as physician_day_id,
        physician_id,
        activity_date,
        reviews_requested,
        reviews_completed,
        reviews_pending,
        reviews_overdue,
        avg_days_to_review,
        overdue_rate,
        case
            when reviews_pending = 0 then 'idle'
            when
                reviews_pending >= {{ overloaded_pending }}
                or overdue_rate >= {{ overloaded_overdue_rate }}
                then 'overloaded'
            when
                reviews_pending >= {{ high_pending }}
                or overdue_rate >= {{ high_overdue_rate }}
                then 'high'
            else 'normal'
        end as workload_status
    from measured
)

select * from final

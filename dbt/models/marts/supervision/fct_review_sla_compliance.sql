with reviews as (
    select * from {{ ref('int_case_reviews_enriched') }}
),

aggregated as (
    select
        state_id,
        state_code,
        due_month,
        max(review_sla_days) as review_sla_days,
        count(*) as reviews_due,
        count(*) filter (where is_completed_on_time) as reviews_completed_on_time,
        count(*) filter (where is_completed_late) as reviews_completed_late,
        count(*) filter (where not is_completed) as reviews_not_completed,
        round(
            avg(extract(epoch from reviewed_at - requested_at) / 86400.0) filter (
                where is_completed
            ),
            2
        ) as avg_days_to_review
    from reviews
    group by state_id, state_code, due_month
),

final as (
    select
        state_id || '_' || to_char(due_month, 'YYYY-MM') as state_month_id,
        state_id,
        state_code,
        due_month,
        review_sla_days,
        cast(reviews_due as integer) as reviews_due,
        cast(reviews_completed_on_time as integer) as reviews_completed_on_time,
        cast(reviews_completed_late as integer) as reviews_completed_late,
        cast(reviews_not_completed as integer) as reviews_not_completed,
        round(cast(reviews_completed_on_time as numeric) / reviews_due, 4) as compliance_rate,
        avg_days_to_review
    from aggregated
)

select * from final

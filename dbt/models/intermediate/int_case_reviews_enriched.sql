with case_reviews as (
    select * from {{ ref('stg_oltp__case_reviews') }}
    where not is_deleted
),

cases as (
    select * from {{ ref('stg_oltp__cases') }}
    where not is_deleted
),

states as (
    select * from {{ ref('stg_oltp__states') }}
    where not is_deleted
),

enriched as (
    select
        case_reviews.review_id,
        case_reviews.case_id,
        case_reviews.physician_id,
        cases.provider_id,
        cases.state_id,
        states.state_code,
        states.review_sla_days,
        case_reviews.status,
        case_reviews.outcome,
        case_reviews.requested_at,
        case_reviews.due_at,
        case_reviews.reviewed_at,
        cast(date_trunc('month', case_reviews.due_at) as date) as due_month,
        case_reviews.reviewed_at is not null as is_completed,
        coalesce(case_reviews.reviewed_at <= case_reviews.due_at, false)
            as is_completed_on_time,
        coalesce(case_reviews.reviewed_at > case_reviews.due_at, false)
            as is_completed_late
    from case_reviews
    inner join cases on case_reviews.case_id = cases.case_id
    inner join states on cases.state_id = states.state_id
)

select * from enriched

with states as (
    select * from {{ ref('stg_oltp__states') }}
    where not is_deleted
),

physicians as (
    select * from {{ ref('stg_oltp__physicians') }}
    where not is_deleted
),

providers as (
    select * from {{ ref('stg_oltp__providers') }}
    where not is_deleted
),

physician_counts as (
    select
        state_id,
        count(*) as physician_count,
        count(*) filter (where status = 'active') as active_physician_count
    from physicians
    group by state_id
),

provider_counts as (
    select
        state_id,
        count(*) as provider_count,
        count(*) filter (where status = 'active') as active_provider_count
    from providers
    group by state_id
),

final as (
    select
        states.state_id,
        states.state_code,
        states.state_name,
        states.review_sla_days,
        coalesce(physician_counts.physician_count, 0) as physician_count,
        coalesce(physician_counts.active_physician_count, 0) as active_physician_count,
        coalesce(provider_counts.provider_count, 0) as provider_count,
        coalesce(provider_counts.active_provider_count, 0) as active_provider_count,
        states.created_at,
        states.updated_at
    from states
    left join physician_counts on states.state_id = physician_counts.state_id
    left join provider_counts on states.state_id = provider_counts.state_id
)

select * from final

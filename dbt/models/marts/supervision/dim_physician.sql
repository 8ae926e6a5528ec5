with physicians as (
    select * from {{ ref('stg_oltp__physicians') }}
    where not is_deleted
),

states as (
    select * from {{ ref('stg_oltp__states') }}
    where not is_deleted
),

providers as (
    select * from {{ ref('stg_oltp__providers') }}
    where not is_deleted
),

supervised as (
    select
        supervising_physician_id as physician_id,
        count(*) as supervised_provider_count,
        count(*) filter (where status = 'active') as active_supervised_provider_count
    from providers
    group by supervising_physician_id
),

final as (
    select
        physicians.physician_id,
        physicians.first_name,
        physicians.last_name,
        physicians.first_name || ' ' || physicians.last_name as full_name,
        physicians.email,
        physicians.email_normalized,
        physicians.npi,
        physicians.specialty,
        physicians.status,
        physicians.status = 'active' as is_active,
        physicians.state_id,
        states.state_code,
        states.state_name,
        states.review_sla_days,
        coalesce(supervised.supervised_provider_count, 0) as supervised_provider_count,
        coalesce(supervised.active_supervised_provider_count, 0)
            as active_supervised_provider_count,
        physicians.created_at,
        physicians.updated_at
    from physicians
    left join states on physicians.state_id = states.state_id
    left join supervised on physicians.physician_id = supervised.physician_id
)

select * from final

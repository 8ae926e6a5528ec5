with providers as (
    select * from {{ ref('stg_oltp__providers') }}
    where not is_deleted
),

physicians as (
    select * from {{ ref('stg_oltp__physicians') }}
    where not is_deleted
),

states as (
    select * from {{ ref('stg_oltp__states') }}
    where not is_deleted
),

final as (
    select
        providers.provider_id,
        providers.first_name,
        providers.last_name,
        providers.first_name || ' ' || providers.last_name as full_name,
        providers.email,
        providers.email_normalized,
        providers.provider_type,
        providers.license_number,
        providers.status,
        providers.status = 'active' as is_active,

        -- state
        providers.state_id,
        states.state_code,
        states.state_name,
        states.review_sla_days,

        -- supervising physician
        providers.supervising_physician_id,
        physicians.first_name || ' ' || physicians.last_name as supervising_physician_name,
        physicians.email_normalized as supervising_physician_email_normalized,
        physicians.specialty as supervising_physician_specialty,
        physicians.status as supervising_physician_status,
        physicians.state_id = providers.state_id as is_supervised_in_same_state,

        providers.created_at,
        providers.updated_at
    from providers
    left join physicians on providers.supervising_physician_id = physicians.physician_id
    left join states on providers.state_id = states.state_id
)

select * from final

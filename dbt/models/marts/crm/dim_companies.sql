with companies as (
    select * from {{ ref('stg_hubspot__companies') }}
    where not is_deleted
),

owners as (
    select * from {{ ref('stg_hubspot__owners') }}
),

final as (
    select
        companies.company_id,
        companies.company_name,
        companies.company_domain,
        companies.industry,
        companies.company_type,
        companies.city,
        companies.state,
        companies.country,
        companies.number_of_employees,
        companies.annual_revenue,
        companies.owner_id,
        owners.full_name as owner_name,
        owners.email as owner_email,
        coalesce(companies.property_created_at, companies.created_at) as created_at,
        companies.updated_at
    from companies
    left join owners on companies.owner_id = owners.owner_id
)

select * from final

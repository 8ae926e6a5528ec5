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
        industry_labels.option_label as industry_label,
        companies.company_type,
        type_labels.option_label as company_type_label,
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
    left join {{ hubspot_option_labels('companies', 'industry') }} as industry_labels
        on companies.industry = industry_labels.option_value
    left join {{ hubspot_option_labels('companies', 'type') }} as type_labels
        on companies.company_type = type_labels.option_value
)

select * from final

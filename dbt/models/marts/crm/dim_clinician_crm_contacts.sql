{#-
    One row per physician and provider (OLTP, not deleted) with the CRM contact sharing its
    normalized email, and the open deals (any source) whose contact has that email.
-#}
with physicians as (
    select * from {{ ref('dim_physician') }}
),

providers as (
    select * from {{ ref('dim_provider') }}
),

contacts as (
    select * from {{ ref('dim_contacts') }}
),

deals as (
    select * from {{ ref('fct_deals') }}
    where not is_closed and contact_email_normalized is not null
),

clinicians as (
    select
        physician_id as clinician_id,
        'physician' as clinician_role,
        full_name,
        email_normalized,
        state_code,
        status
    from physicians

    union all

    select
        provider_id as clinician_id,
        'provider' as clinician_role,
        full_name,
        email_normalized,
        state_code,
        status
    from providers
),

open_deals as (
    select
        contact_email_normalized as email_normalized,
        count(*) as open_deal_count,
        sum(amount) as open_deal_amount,
        sum(weighted_amount) as open_deal_weighted_amount
    from deals
    group by contact_email_normalized
),

final as (
    select
        clinicians.clinician_id,
        clinicians.clinician_role,
        clinicians.full_name,
        clinicians.email_normalized,
        clinicians.state_code,
        clinicians.status,
        contacts.email_normalized is not null as has_crm_contact,
        contacts.hubspot_contact_id,
        contacts.legacy_contact_id,
        contacts.lifecycle_stage,
        contacts.owner_id,
        cast(coalesce(open_deals.open_deal_count, 0) as integer) as open_deal_count,
        coalesce(open_deals.open_deal_amount, 0) as open_deal_amount,
        coalesce(open_deals.open_deal_weighted_amount, 0) as open_deal_weighted_amount
    from clinicians
    left join contacts on clinicians.email_normalized = contacts.email_normalized
    left join open_deals on clinicians.email_normalized = open_deals.email_normalized
)

select * from final

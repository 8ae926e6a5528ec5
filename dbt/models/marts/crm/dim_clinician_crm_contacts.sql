{#-
    One row per physician and provider (OLTP, not deleted) with the CRM contact sharing its
    normalized email, and the open deals (any source) linked to a contact with that email.
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

open_deals_by_email as (
    select distinct
        deal_contacts.email_normalized,
        deals.deal_key,
        deals.amount,
        deals.weighted_amount
    from {{ ref('int_deal_contacts_unioned') }} as deal_contacts
    inner join {{ ref('fct_deals') }} as deals on deal_contacts.deal_key = deals.deal_key
    where not deals.is_closed
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
        email_normalized,
        count(*) as open_deal_count,
        sum(amount) as open_deal_amount,
        sum(weighted_amount) as open_deal_weighted_amount
    from open_deals_by_email
    group by email_normalized
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

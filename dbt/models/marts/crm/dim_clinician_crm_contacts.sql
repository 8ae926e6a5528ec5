{#-
    One row per physician and provider (OLTP, not deleted) with the CRM contact sharing its
    normalized email, that contact's primary company, and the open deals (any source) and
    open tickets linked to a contact with that email.
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

primary_companies as (
    select * from {{ ref('int_contact_primary_companies') }}
),

open_tickets_by_email as (
    select distinct
        ticket_contacts.email_normalized,
        tickets.ticket_id
    from {{ family_relation('int_ticket_contacts', 'hubspot_service_enabled', {
        'ticket_id': 'text', 'email_normalized': 'text',
    }, alias='ticket_contacts') }}
    inner join {{ family_relation('fct_tickets', 'hubspot_service_enabled', {
        'ticket_id': 'text', 'is_closed': 'boolean',
    }, alias='tickets') }}
        on ticket_contacts.ticket_id = tickets.ticket_id
    where not tickets.is_closed and ticket_contacts.email_normalized is not null
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

open_tickets as (
    select
        email_normalized,
        count(*) as open_ticket_count
    from open_tickets_by_email
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
        primary_companies.company_id as primary_company_id,
        primary_companies.company_name as primary_company_name,
        cast(coalesce(open_deals.open_deal_count, 0) as integer) as open_deal_count,
        coalesce(open_deals.open_deal_amount, 0) as open_deal_amount,
        coalesce(open_deals.open_deal_weighted_amount, 0) as open_deal_weighted_amount,
        cast(coalesce(open_tickets.open_ticket_count, 0) as integer) as open_ticket_count
    from clinicians
    left join contacts on clinicians.email_normalized = contacts.email_normalized
    left join primary_companies
        on contacts.hubspot_contact_id = primary_companies.contact_id
    left join open_deals on clinicians.email_normalized = open_deals.email_normalized
    left join open_tickets on clinicians.email_normalized = open_tickets.email_normalized
)

select * from final

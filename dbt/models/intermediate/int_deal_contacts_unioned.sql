{#-
    Which contact emails each deal is linked to: HubSpot deals through their contact
    associations (one row per associated contact with an email), legacy deals through the
    contact email in the export.
-#}
with associations as (
    select *
    from {{ family_relation('stg_hubspot__deal_contact_associations', 'hubspot_sales_enabled', {
        'deal_id': 'text', 'contact_id': 'text', 'is_deleted': 'boolean',
    }) }}
    where not is_deleted
),

hubspot_contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where
        not is_deleted
        and email_normalized is not null
        and not {{ is_merged_away('contact_id') }}
),

contact_merges as (
    select * from {{ ref('int_contact_merges') }}
),

deals as (
    select * from {{ ref('int_deals_unioned') }}
),

hubspot_links as (
    select distinct
        'hubspot:' || associations.deal_id as deal_key,
        hubspot_contacts.email_normalized
    from associations
    -- A merged-away contact's deals belong to the survivor (int_contact_merges).
    left join contact_merges on associations.contact_id = contact_merges.merged_contact_id
    inner join hubspot_contacts
        on coalesce(contact_merges.surviving_contact_id, associations.contact_id)
            = hubspot_contacts.contact_id
),

legacy_links as (
    select
        deal_key,
        contact_email_normalized as email_normalized
    from deals
    where deal_source = 's3' and contact_email_normalized is not null
),

unioned as (
    select
        hubspot_links.deal_key,
        hubspot_links.email_normalized
    from hubspot_links
    inner join deals on hubspot_links.deal_key = deals.deal_key

    union all

    select
        deal_key,
        email_normalized
    from legacy_links
)

select * from unioned

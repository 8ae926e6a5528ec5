{{ config(enabled=var('hubspot_service_enabled')) }}
{#-
    Which HubSpot contacts each ticket is associated with, read from the ticket's side
    (ticket → contact; stg_hubspot__associations serves each edge once in that orientation).
    Archived tickets and contacts and deleted associations excluded.
-#}
with associations as (
    select * from {{ ref('stg_hubspot__associations') }}
    where
        not is_deleted
        and from_object_type = 'ticket'
        and to_object_type = 'contact'
),

tickets as (
    select * from {{ ref('stg_hubspot__tickets') }}
    where not is_deleted
),

contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where not is_deleted and not {{ is_merged_away('contact_id') }}
),

contact_merges as (
    select * from {{ ref('int_contact_merges') }}
),

-- A merged-away contact's tickets belong to the survivor (int_contact_merges).
links as (
    select distinct
        associations.from_id as ticket_id,
        coalesce(contact_merges.surviving_contact_id, associations.to_id) as contact_id
    from associations
    left join contact_merges on associations.to_id = contact_merges.merged_contact_id
),

final as (
    select
        links.ticket_id || ':' || links.contact_id as ticket_contact_id,
        links.ticket_id,
        links.contact_id,
        contacts.email_normalized
    from links
    inner join tickets on links.ticket_id = tickets.ticket_id
    inner join contacts on links.contact_id = contacts.contact_id
)

select * from final

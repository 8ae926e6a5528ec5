{#-
    Which HubSpot contacts each ticket is associated with, in either direction of the
    association (ticket → contact or contact → ticket). Archived tickets and contacts and
    deleted associations excluded.
-#}
with associations as (
    select * from {{ ref('stg_hubspot__associations') }}
    where not is_deleted
),

tickets as (
    select * from {{ ref('stg_hubspot__tickets') }}
    where not is_deleted
),

contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where not is_deleted
),

links as (
    select distinct
        case when from_object_type = 'ticket' then from_id else to_id end as ticket_id,
        case when from_object_type = 'ticket' then to_id else from_id end as contact_id
    from associations
    where
        (from_object_type = 'ticket' and to_object_type = 'contact')
        or (from_object_type = 'contact' and to_object_type = 'ticket')
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

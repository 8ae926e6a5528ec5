{{ config(enabled=var('hubspot_service_enabled')) }}
{#-
    One row per HubSpot ticket (archived excluded) with its pipeline and stage labels, owner,
    associated contact, open/closed state and time to close.
-#}
with tickets as (
    select * from {{ ref('stg_hubspot__tickets') }}
    where not is_deleted
),

pipelines as (
    select * from {{ ref('stg_hubspot__ticket_pipelines') }}
),

stages as (
    select * from {{ ref('stg_hubspot__ticket_pipeline_stages') }}
),

owners as (
    select * from {{ ref('stg_hubspot__owners') }}
),

ticket_contacts as (
    select
        ticket_id,
        min(contact_id) as contact_id,
        count(*) as contact_count
    from {{ ref('int_ticket_contacts') }}
    group by ticket_id
),

contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
),

staged as (
    select
        tickets.*,
        coalesce(tickets.property_created_at, tickets.created_at) as opened_at,
        coalesce(stages.is_closed, false) as is_closed,
        stages.stage_label,
        stages.display_order as stage_display_order,
        stages.ticket_state,
        stages.pipeline_stage_id
    from tickets
    left join stages
        on
            tickets.pipeline_id = stages.pipeline_id
            and tickets.ticket_stage_id = stages.stage_id
),

closing as (
    select
        *,
        case
            when is_closed then coalesce(closed_at, property_modified_at, updated_at)
        end as ticket_closed_at,
        is_closed and closed_at is null as is_closed_at_estimated
    from staged
),

final as (
    select
        closing.ticket_id,
        closing.ticket_subject,
        closing.ticket_category,
        category_labels.option_label as ticket_category_label,
        closing.priority,
        priority_labels.option_label as priority_label,

        -- pipeline and stage
        closing.pipeline_id,
        pipelines.pipeline_label,
        closing.ticket_stage_id,
        closing.pipeline_stage_id,
        closing.stage_label,
        closing.stage_display_order,
        closing.ticket_state,
        case when closing.is_closed then 'closed' else 'open' end as ticket_status,
        closing.is_closed,

        -- people
        closing.owner_id,
        owners.full_name as owner_name,
        ticket_contacts.contact_id,
        contacts.email_normalized as contact_email_normalized,
        cast(coalesce(ticket_contacts.contact_count, 0) as integer) as contact_count,

        -- timestamps (UTC) and durations
        closing.opened_at,
        closing.ticket_closed_at as closed_at,
        closing.is_closed_at_estimated,
        round(
            cast(extract(epoch from closing.ticket_closed_at - closing.opened_at) as numeric)
            / 3600,
            2
        ) as hours_to_close,
        round(
            cast(extract(epoch from closing.ticket_closed_at - closing.opened_at) as numeric)
            / 86400,
            2
        ) as days_to_close,
        closing.updated_at
    from closing
    left join pipelines on closing.pipeline_id = pipelines.pipeline_id
    left join owners on closing.owner_id = owners.owner_id
    left join ticket_contacts on closing.ticket_id = ticket_contacts.ticket_id
    left join contacts on ticket_contacts.contact_id = contacts.contact_id
    left join {{ hubspot_option_labels('tickets', 'hs_ticket_category') }} as category_labels
        on closing.ticket_category = category_labels.option_value
    left join {{ hubspot_option_labels('tickets', 'hs_ticket_priority') }} as priority_labels
        on closing.priority = priority_labels.option_value
)

select * from final

{#-
    Engagement activity per HubSpot contact per engagement type, from the engagements
    associated with the contact; only (contact, type) pairs with at least one engagement.
-#}
with contact_engagements as (
    select * from {{ ref('int_contact_engagements') }}
),

contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where not {{ is_merged_away('contact_id') }}
),

activity as (
    select
        contact_id,
        engagement_type,
        count(*) as engagement_count,
        count(distinct owner_id) as owner_count,
        min(activity_at) as first_activity_at,
        max(activity_at) as last_activity_at
    from contact_engagements
    group by contact_id, engagement_type
),

final as (
    select
        activity.contact_id || ':' || activity.engagement_type as contact_engagement_type_id,
        activity.contact_id,
        contacts.email_normalized,
        contacts.owner_id as contact_owner_id,
        activity.engagement_type,
        cast(activity.engagement_count as integer) as engagement_count,
        cast(activity.owner_count as integer) as owner_count,
        activity.first_activity_at,
        activity.last_activity_at,
        cast(activity.last_activity_at as date) as last_activity_date
    from activity
    inner join contacts on activity.contact_id = contacts.contact_id
)

select * from final

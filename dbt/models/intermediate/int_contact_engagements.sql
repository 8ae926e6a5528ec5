{#-
    One row per (engagement, HubSpot contact) association, in either direction
    (contact → engagement or engagement → contact), with the engagement's type, owner and
    activity time. Communications and postal mail always; calls, emails, meetings, notes and
    tasks when `hubspot_engagements_enabled` is true. Archived engagements and contacts and
    deleted associations excluded.
-#}
{%- set engagement_models = {
    'communication': ('stg_hubspot__communications', 'communication_id'),
    'postal_mail': ('stg_hubspot__postal_mail', 'postal_mail_id'),
} -%}
{%- if var('hubspot_engagements_enabled') -%}
    {%- do engagement_models.update({
        'call': ('stg_hubspot__calls', 'call_id'),
        'email': ('stg_hubspot__emails', 'email_id'),
        'meeting': ('stg_hubspot__meetings', 'meeting_id'),
        'note': ('stg_hubspot__notes', 'note_id'),
        'task': ('stg_hubspot__tasks', 'task_id'),
    }) -%}
{%- endif -%}

with engagements as (
    select
        cast(null as text) as engagement_type,
        cast(null as text) as engagement_id,
        cast(null as text) as owner_id,
        cast(null as timestamp) as activity_at
    where false
    {%- for engagement_type in engagement_models | sort %}
        {%- set model_name, id_column = engagement_models[engagement_type] %}

        union all

        select
            '{{ engagement_type }}' as engagement_type,
            {{ id_column }} as engagement_id,
            owner_id,
            activity_at
        from {{ ref(model_name) }}
        where not is_deleted
    {%- endfor %}
),

associations as (
    select * from {{ ref('stg_hubspot__associations') }}
    where not is_deleted
),

contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where not is_deleted
),

links as (
    select distinct
        case
            when from_object_type = 'contact' then to_object_type else from_object_type
        end as engagement_type,
        case when from_object_type = 'contact' then to_id else from_id end as engagement_id,
        case when from_object_type = 'contact' then from_id else to_id end as contact_id
    from associations
    where from_object_type = 'contact' or to_object_type = 'contact'
),

final as (
    select
        engagements.engagement_type
        || ':' || engagements.engagement_id
        || ':' || links.contact_id as contact_engagement_id,
        links.contact_id,
        engagements.engagement_type,
        engagements.engagement_id,
        engagements.owner_id,
        engagements.activity_at
    from engagements
    inner join links
        on
            engagements.engagement_type = links.engagement_type
            and engagements.engagement_id = links.engagement_id
    inner join contacts on links.contact_id = contacts.contact_id
)

select * from final

{#-
    One row per (engagement, HubSpot contact) association, with the engagement's type, owner
    and activity time. Associations are read from the contact's side (contact → engagement):
    stg_hubspot__associations serves each edge once in that orientation, as the inverse of
    the engagement → contact stream. Communications and postal mail always; calls, emails,
    meetings, notes and tasks when `hubspot_engagements_enabled` is true. Archived
    engagements and contacts and deleted associations excluded; an engagement of a contact
    merged into another counts for the survivor (int_contact_merges).
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
    where
        not is_deleted
        and from_object_type = 'contact'
),

contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where not is_deleted and not {{ is_merged_away('contact_id') }}
),

contact_merges as (
    select * from {{ ref('int_contact_merges') }}
),

-- An engagement of a contact merged into another belongs to the survivor, as in HubSpot:
-- the incremental sync does not re-read the engagement, so its edge still names the old id.
links as (
    select distinct
        associations.to_object_type as engagement_type,
        associations.to_id as engagement_id,
        coalesce(contact_merges.surviving_contact_id, associations.from_id) as contact_id
    from associations
    left join contact_merges on associations.from_id = contact_merges.merged_contact_id
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

{#-
    HubSpot and legacy-CRM (S3) contacts stacked, one row per source record that has an
    email (HubSpot contacts merged into another left out: int_contact_merges);
    `source_rank` orders the records sharing an email: HubSpot before the S3 export, then
    the most recently updated first.
-#}
with hubspot_contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where
        not is_deleted
        and email_normalized is not null
        and not {{ is_merged_away('contact_id') }}
),

s3_contacts as (
    select * from {{ ref('stg_s3__contacts') }}
    where not is_deleted and email_normalized is not null
),

unioned as (
    select
        'hubspot' as contact_source,
        1 as source_priority,
        contact_id as source_contact_id,
        email_normalized,
        first_name,
        last_name,
        phone,
        company_name,
        lifecycle_stage,
        owner_id,
        created_at,
        updated_at
    from hubspot_contacts

    union all

    select
        's3' as contact_source,
        2 as source_priority,
        contact_id as source_contact_id,
        email_normalized,
        first_name,
        last_name,
        phone,
        company_name,
        lifecycle_stage,
        cast(null as text) as owner_id,
        cast(created_date as timestamp) as created_at,
        updated_at
    from s3_contacts
),

ranked as (
    select
        *,
        row_number() over (
            partition by email_normalized
            order by source_priority asc, updated_at desc nulls last, source_contact_id asc
        ) as source_rank
    from unioned
)

select * from ranked

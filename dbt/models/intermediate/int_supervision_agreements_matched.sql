{{ config(enabled=var('hubspot_custom_objects_enabled')) }}
{#-
    HubSpot supervision agreements (archived excluded) with the OLTP physician and provider
    they name (by normalized email; null when the OLTP database has no such person), and
    whether the agreement covers a given day: from its start to its end (open-ended when no
    end date), unless terminated.
-#}
with agreements as (
    select * from {{ ref('stg_hubspot__supervision_agreements') }}
    where not is_deleted
),

physicians as (
    select * from {{ ref('dim_physician') }}
),

providers as (
    select * from {{ ref('dim_provider') }}
),

matched as (
    select
        agreements.agreement_id,
        agreements.agreement_name,
        agreements.agreement_status,
        agreements.state_code,
        agreements.starts_on,
        agreements.ends_on,
        agreements.physician_email_normalized,
        agreements.provider_email_normalized,
        physicians.physician_id,
        providers.provider_id,
        providers.supervising_physician_id,
        daterange(agreements.starts_on, agreements.ends_on, '[]') as coverage,
        coalesce(agreements.agreement_status <> 'terminated', true) as is_in_force
    from agreements
    left join physicians
        on agreements.physician_email_normalized = physicians.email_normalized
    left join providers
        on agreements.provider_email_normalized = providers.email_normalized
)

select * from matched

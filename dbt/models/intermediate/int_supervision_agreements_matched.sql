{{ config(enabled=var('hubspot_custom_objects_enabled')) }}
{#-
    HubSpot supervision agreements (archived excluded) with the OLTP physician and provider
    they name (by normalized email; null when the OLTP database has no such person), and
    the days the agreement covered: from its start to its end, open-ended without an end.
    The status does not shorten that: an expired or terminated agreement covered its days
    until its end date. A terminated one without an end date covered up to its last
    modification (when it was terminated). An end before the start covers nothing
    (`is_period_invalid`): hand-entered CRM dates must not fail the build.
-#}
with agreements as (
    select
        *,
        case
            when agreement_status = 'terminated'
                then coalesce(ends_on, cast(property_modified_at as date))
            else ends_on
        end as covered_until
    from {{ ref('stg_hubspot__supervision_agreements') }}
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
        case
            when agreements.covered_until < agreements.starts_on
                then cast('empty' as daterange)
            else daterange(agreements.starts_on, agreements.covered_until, '[]')
        end as coverage,
        coalesce(agreements.ends_on < agreements.starts_on, false) as is_period_invalid,
        agreements.agreement_status = 'active' as is_active
    from agreements
    left join physicians
        on agreements.physician_email_normalized = physicians.email_normalized
    left join providers
        on agreements.provider_email_normalized = providers.email_normalized
)

select * from matched

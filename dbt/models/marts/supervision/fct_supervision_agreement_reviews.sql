{{ config(enabled=var('hubspot_custom_objects_enabled')) }}
{#-
    One row per HubSpot supervision agreement (archived excluded), set against the OLTP
    supervision data: the physician and provider it names, whether the physician is the
    provider's supervisor of record, and the case reviews that physician did for that
    provider's cases requested on a day the agreement covered (see
    int_supervision_agreements_matched). An agreement no review used (`has_no_reviews`) is
    paperwork nobody acts on.
-#}
with agreements as (
    select * from {{ ref('int_supervision_agreements_matched') }}
),

reviews as (
    select * from {{ ref('int_case_reviews_enriched') }}
),

covered_reviews as (
    select
        agreements.agreement_id,
        count(reviews.review_id) as review_count,
        min(reviews.requested_at) as first_review_requested_at,
        max(reviews.requested_at) as last_review_requested_at
    from agreements
    inner join reviews
        on
            agreements.physician_id = reviews.physician_id
            and agreements.provider_id = reviews.provider_id
            and agreements.coverage @> cast(reviews.requested_at as date)
    group by agreements.agreement_id
),

final as (
    select
        agreements.agreement_id,
        agreements.agreement_name,
        agreements.agreement_status,
        agreements.is_active,
        agreements.is_period_invalid,
        agreements.state_code,
        agreements.starts_on,
        agreements.ends_on,

        -- the people, as the OLTP database knows them
        agreements.physician_email_normalized,
        agreements.physician_id,
        agreements.provider_email_normalized,
        agreements.provider_id,
        coalesce(agreements.physician_id = agreements.supervising_physician_id, false)
            as names_supervisor_of_record,

        -- reviews while the agreement was in force
        cast(coalesce(covered_reviews.review_count, 0) as integer) as review_count,
        covered_reviews.first_review_requested_at,
        covered_reviews.last_review_requested_at,
        covered_reviews.agreement_id is null as has_no_reviews
    from agreements
    left join covered_reviews on agreements.agreement_id = covered_reviews.agreement_id
)

select * from final

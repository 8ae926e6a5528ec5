{{ config(enabled=var('hubspot_custom_objects_enabled')) }}
{#-
    One row per OLTP case review (deleted excluded) that no HubSpot supervision agreement
    covered on the day it was requested, for that physician and that case's provider, and
    why: `no_agreement` (the CRM has no agreement for the pair at all) or
    `outside_agreement_period` (the pair's agreements began later, or had ended: expired or
    terminated). Coverage is int_supervision_agreements_matched's.
-#}
with reviews as (
    select * from {{ ref('int_case_reviews_enriched') }}
),

agreements as (
    select * from {{ ref('int_supervision_agreements_matched') }}
    where physician_id is not null and provider_id is not null
),

checked as (
    select
        reviews.review_id,
        reviews.case_id,
        reviews.physician_id,
        reviews.provider_id,
        reviews.state_code,
        reviews.status,
        reviews.requested_at,
        reviews.reviewed_at,
        count(agreements.agreement_id) as pair_agreement_count,
        coalesce(
            bool_or(agreements.coverage @> cast(reviews.requested_at as date)), false
        ) as is_covered
    from reviews
    left join agreements
        on
            reviews.physician_id = agreements.physician_id
            and reviews.provider_id = agreements.provider_id
    group by
        reviews.review_id,
        reviews.case_id,
        reviews.physician_id,
        reviews.provider_id,
        reviews.state_code,
        reviews.status,
        reviews.requested_at,
        reviews.reviewed_at
),

final as (
    select
        review_id,
        case_id,
        physician_id,
        provider_id,
        state_code,
        status,
        requested_at,
        reviewed_at,
        case
            when pair_agreement_count = 0 then 'no_agreement'
            else 'outside_agreement_period'
        end as gap_reason
    from checked
    where not is_covered
)

select * from final

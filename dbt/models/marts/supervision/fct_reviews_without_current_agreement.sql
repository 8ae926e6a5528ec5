{{ config(enabled=var('hubspot_custom_objects_enabled')) }}
{#-
    One row per OLTP case review (deleted excluded) that no HubSpot supervision agreement in
    force covered on the day it was requested, for that physician and that case's provider,
    and why:
    - `no_agreement`: the CRM has no agreement for the pair at all;
    - `terminated`: an agreement covered the day but was terminated;
    - `outside_agreement_period`: the pair's agreements began later or had ended (expired).
-#}
with reviews as (
    select * from {{ ref('int_case_reviews_enriched') }}
),

agreements as (
    select * from {{ ref('int_supervision_agreements_matched') }}
    where physician_id is not null and provider_id is not null
),

reviews_with_pair as (
    select
        reviews.review_id,
        bool_or(agreements.agreement_id is not null) as pair_has_agreement,
        bool_or(
            agreements.is_in_force
            and agreements.coverage @> cast(reviews.requested_at as date)
        ) as is_covered,
        bool_or(
            not agreements.is_in_force
            and agreements.coverage @> cast(reviews.requested_at as date)
        ) as is_covered_by_terminated
    from reviews
    left join agreements
        on
            reviews.physician_id = agreements.physician_id
            and reviews.provider_id = agreements.provider_id
    group by reviews.review_id
),

final as (
    select
        reviews.review_id,
        reviews.case_id,
        reviews.physician_id,
        reviews.provider_id,
        reviews.state_code,
        reviews.status,
        reviews.requested_at,
        reviews.reviewed_at,
        case
            when not reviews_with_pair.pair_has_agreement then 'no_agreement'
            when reviews_with_pair.is_covered_by_terminated then 'terminated'
            else 'outside_agreement_period'
        end as gap_reason
    from reviews
    inner join reviews_with_pair on reviews.review_id = reviews_with_pair.review_id
    where not coalesce(reviews_with_pair.is_covered, false)
)

select * from final

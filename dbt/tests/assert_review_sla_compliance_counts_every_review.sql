-- Every review (not deleted, of a known case and state) is due in exactly one state-month.
with compliance as (
    select coalesce(sum(reviews_due), 0) as reviews_due
    from {{ ref('fct_review_sla_compliance') }}
),

reviews as (
    select count(*) as review_count
    from {{ ref('int_case_reviews_enriched') }}
)

select
    compliance.reviews_due,
    reviews.review_count
from compliance
cross join reviews
where compliance.reviews_due != reviews.review_count

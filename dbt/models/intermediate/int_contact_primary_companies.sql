{#-
    Each HubSpot contact's primary company from its contact → company associations (read
    from the contact's side: stg_hubspot__associations serves each edge once in that
    orientation): the association labelled 'Primary' (HubSpot's type 1), else the first
    associated company (lowest company id). Archived contacts and companies and deleted
    associations excluded.
-#}
with associations as (
    select * from {{ ref('stg_hubspot__associations') }}
    where
        not is_deleted
        and from_object_type = 'contact'
        and to_object_type = 'company'
),

contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where not is_deleted and not {{ is_merged_away('contact_id') }}
),

companies as (
    select * from {{ ref('stg_hubspot__companies') }}
    where not is_deleted
),

ranked as (
    select
        associations.from_id as contact_id,
        associations.to_id as company_id,
        companies.company_name,
        coalesce(
            associations.association_type_label = 'Primary', false
        ) as is_labelled_primary,
        row_number() over (
            partition by associations.from_id
            order by
                coalesce(associations.association_type_label = 'Primary', false) desc,
                associations.to_id asc
        ) as company_rank
    from associations
    inner join contacts on associations.from_id = contacts.contact_id
    inner join companies on associations.to_id = companies.company_id
),

final as (
    select
        contact_id,
        company_id,
        company_name,
        is_labelled_primary
    from ranked
    where company_rank = 1
)

select * from final

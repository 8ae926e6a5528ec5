{#-
    One row per normalized email across HubSpot and the legacy CRM export. Each attribute
    comes from the highest-ranked record that has it (HubSpot first, then the export; the
    most recently updated first within a source), and `<attribute>_source` says which.
-#}
with contacts as (
    select * from {{ ref('int_contacts_unioned') }}
),

final as (
    select
        email_normalized,
        min(source_contact_id) filter (
            where contact_source = 'hubspot'
        ) as hubspot_contact_id,
        min(source_contact_id) filter (where contact_source = 's3') as legacy_contact_id,
        bool_or(contact_source = 'hubspot') as is_in_hubspot,
        bool_or(contact_source = 's3') as is_in_legacy_crm,
        cast(count(*) as integer) as source_record_count,
        (array_agg(first_name order by source_rank) filter (where first_name is not null))[1]
            as first_name,
        (array_agg(contact_source order by source_rank) filter (
            where first_name is not null
        ))[1] as first_name_source,
        (array_agg(last_name order by source_rank) filter (where last_name is not null))[1]
            as last_name,
        (array_agg(contact_source order by source_rank) filter (
            where last_name is not null
        ))[1] as last_name_source,
        (array_agg(phone order by source_rank) filter (where phone is not null))[1]
            as phone,
        (array_agg(contact_source order by source_rank) filter (
            where phone is not null
        ))[1] as phone_source,
        (array_agg(company_name order by source_rank) filter (where company_name is not null))[1]
            as company_name,
        (array_agg(contact_source order by source_rank) filter (
            where company_name is not null
        ))[1] as company_name_source,
        (array_agg(lifecycle_stage order by source_rank) filter (
            where lifecycle_stage is not null
        ))[1] as lifecycle_stage,
        (array_agg(contact_source order by source_rank) filter (
            where lifecycle_stage is not null
        ))[1] as lifecycle_stage_source,
        (array_agg(owner_id order by source_rank) filter (where owner_id is not null))[1]
            as owner_id,
        min(created_at) as first_created_at,
        max(updated_at) as last_updated_at
    from contacts
    group by email_normalized
)

select
    final.*,
    lifecycle_labels.option_label as lifecycle_stage_label
from final
left join {{ hubspot_option_labels('contacts', 'lifecyclestage') }} as lifecycle_labels
    on final.lifecycle_stage = lifecycle_labels.option_value

{%- set columns = hubspot_source_columns('contacts') -%}

with source as (
    select * from {{ source('hubspot', 'contacts') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as contact_id,
        {{ hubspot_property(columns, 'hubspot_owner_id', 'text', 'owner_id') }},

        -- properties
        {{ hubspot_property(columns, 'email') }},
        lower(trim({{ hubspot_property_value(columns, 'email') }})) as email_normalized,
        {{ hubspot_property(columns, 'firstname', 'text', 'first_name') }},
        {{ hubspot_property(columns, 'lastname', 'text', 'last_name') }},
        {{ hubspot_property(columns, 'phone') }},
        {{ hubspot_property(columns, 'company', 'text', 'company_name') }},
        {{ hubspot_property(columns, 'jobtitle', 'text', 'job_title') }},
        {{ hubspot_property(columns, 'city') }},
        {{ hubspot_property(columns, 'state') }},
        {{ hubspot_property(columns, 'country') }},
        {{ hubspot_property(columns, 'lifecyclestage', 'text', 'lifecycle_stage') }},
        {{ hubspot_property(columns, 'hs_lead_status', 'text', 'lead_status') }},
        {{ hubspot_property(columns, 'paracelsus_role', 'text', 'paracelsus_role') }},
        {{ hubspot_property(columns, 'hs_merged_object_ids', 'text', 'merged_object_ids') }},
        {{ hubspot_property(columns, 'createdate', 'timestamp', 'property_created_at') }},
        {{ hubspot_property(columns, 'lastmodifieddate', 'timestamp', 'property_modified_at') }},

        -- timestamps (UTC)
        {{ to_utc_timestamp('"createdAt"') }} as created_at,
        {{ to_utc_timestamp('"updatedAt"') }} as updated_at,

        -- status
        coalesce(cast(archived as boolean), false)
        or _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

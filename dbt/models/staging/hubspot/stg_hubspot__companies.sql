{%- set columns = hubspot_source_columns('companies') -%}

with source as (
    select * from {{ source('hubspot', 'companies') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as company_id,
        {{ hubspot_property(columns, 'hubspot_owner_id', 'text', 'owner_id') }},

        -- properties
        {{ hubspot_property(columns, 'name', 'text', 'company_name') }},
        lower(trim({{ hubspot_property_value(columns, 'domain') }})) as company_domain,
        {{ hubspot_property(columns, 'industry') }},
        {{ hubspot_property(columns, 'type', 'text', 'company_type') }},
        {{ hubspot_property(columns, 'city') }},
        {{ hubspot_property(columns, 'state') }},
        {{ hubspot_property(columns, 'country') }},
        {{ hubspot_property(columns, 'numberofemployees', 'integer', 'number_of_employees') }},
        {{ hubspot_property(columns, 'annualrevenue', 'numeric(18, 2)', 'annual_revenue') }},
        {{ hubspot_property(columns, 'createdate', 'timestamp', 'property_created_at') }},
        {{ hubspot_property(columns, 'hs_lastmodifieddate', 'timestamp', 'property_modified_at') }},

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

{{ config(enabled=var('hubspot_custom_objects_enabled')) }}
{#-
    One row per HubSpot `supervision_agreement` (the portal's custom object, synced through
    tap-hubspot's `custom_object_types`), latest version; archived ones kept and flagged.
    The physician and provider are named by email, as the OLTP database knows them.
-#}
{%- set columns = hubspot_source_columns('supervision_agreement') -%}

with source as (
    select * from {{ source('hubspot', 'supervision_agreement') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as agreement_id,
        lower(trim({{ hubspot_property_value(columns, 'physician_email') }}))
            as physician_email_normalized,
        lower(trim({{ hubspot_property_value(columns, 'provider_email') }}))
            as provider_email_normalized,

        -- properties
        {{ hubspot_property(columns, 'agreement_name') }},
        upper({{ hubspot_property_value(columns, 'state') }}) as state_code,
        {{ hubspot_property(columns, 'start_date', 'date', 'starts_on') }},
        {{ hubspot_property(columns, 'end_date', 'date', 'ends_on') }},
        {{ hubspot_property(columns, 'agreement_status') }},
        {{ hubspot_property(columns, 'hs_createdate', 'timestamp', 'property_created_at') }},
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

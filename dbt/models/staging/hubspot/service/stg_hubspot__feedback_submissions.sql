{{ config(enabled=var('hubspot_service_enabled')) }}
{%- set columns = hubspot_source_columns('feedback_submissions') -%}
{%- set created_raw = "coalesce(" ~ hubspot_property_value(columns, 'hs_createdate') ~ ", "
    ~ hubspot_property_value(columns, 'createdDate') ~ ")" -%}

with source as (
    select * from {{ source('hubspot', 'feedback_submissions') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'id') }}
),

renamed as (
    select
        -- ids
        cast(id as text) as feedback_submission_id,

        -- properties
        {{ hubspot_property(columns, 'hs_submission_name', 'text', 'submission_name') }},
        {{ hubspot_property(columns, 'hs_survey_type', 'text', 'survey_type') }},
        {{ hubspot_property(columns, 'hs_response_value', 'numeric', 'response_value') }},
        {{ hubspot_property(columns, 'hs_sentiment', 'text', 'sentiment') }},
        lower(trim({{ hubspot_property_value(columns, 'hs_contact_email_address') }}))
            as contact_email_normalized,
        {{ to_utc_timestamp(created_raw, is_text=true) }} as property_created_at,
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

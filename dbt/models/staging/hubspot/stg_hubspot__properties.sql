with source as (
    select * from {{ source('hubspot', 'properties') }}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'hubspot_object, name') }}
),

renamed as (
    select
        -- ids
        concat_ws(':', nullif(cast(hubspot_object as text), ''), cast(name as text))
            as property_key,
        nullif(cast(hubspot_object as text), '') as object_type,
        cast(name as text) as property_name,

        -- attributes
        nullif(trim(cast(label as text)), '') as property_label,
        nullif(trim(cast(description as text)), '') as property_description,
        nullif(trim(cast("groupName" as text)), '') as group_name,
        cast(type as text) as property_type,
        cast("fieldType" as text) as field_type,
        coalesce(cast(cast(options as text) as jsonb), cast('[]' as jsonb)) as property_options,
        jsonb_array_length(
            coalesce(cast(cast(options as text) as jsonb), cast('[]' as jsonb))
        ) as option_count,
        cast("displayOrder" as integer) as display_order,
        coalesce(cast(calculated as boolean), false) as is_calculated,
        coalesce(cast("hasUniqueValue" as boolean), false) as has_unique_value,
        coalesce(cast(hidden as boolean), false) as is_hidden,
        coalesce(cast("hubspotDefined" as boolean), false) as is_hubspot_defined,
        coalesce(cast("formField" as boolean), false) as is_form_field,

        -- timestamps (UTC)
        {{ to_utc_timestamp('"createdAt"') }} as created_at,
        {{ to_utc_timestamp('"updatedAt"') }} as updated_at,

        -- status
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

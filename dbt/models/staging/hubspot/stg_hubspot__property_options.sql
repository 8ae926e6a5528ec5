{#-
    One row per option of an enumerated HubSpot property (lifecycle stage, lead status,
    ticket priority, ...): the portal's own label for each stored value, as its property
    definitions say. Marts label enumerated values from here instead of hard-coding them.
-#}
with properties as (
    select * from {{ ref('stg_hubspot__properties') }}
    where not is_deleted
),

unnested as (
    select
        properties.object_type,
        properties.property_name,
        option_element.option_json
    from properties
    cross join lateral jsonb_array_elements(properties.property_options)
        as option_element (option_json)
),

renamed as (
    select
        -- ids
        concat_ws(':', object_type, property_name, option_json ->> 'value') as property_option_id,
        object_type,
        property_name,
        option_json ->> 'value' as option_value,

        -- attributes
        coalesce(nullif(trim(option_json ->> 'label'), ''), option_json ->> 'value')
            as option_label,
        cast(option_json ->> 'displayOrder' as integer) as display_order,
        coalesce(cast(option_json ->> 'hidden' as boolean), false) as is_hidden
    from unnested
)

select * from renamed

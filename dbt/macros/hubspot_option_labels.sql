{#-
    The portal's labels of one enumerated HubSpot property, as a relation of
    (option_value, option_label) to left-join on the stored value: labels come from the
    synced property definitions (stg_hubspot__property_options), never from code.
-#}
{% macro hubspot_option_labels(object_type, property_name) -%}
    (
        select
            option_value,
            option_label
        from {{ ref('stg_hubspot__property_options') }}
        where object_type = '{{ object_type }}' and property_name = '{{ property_name }}'
    )
{%- endmacro %}

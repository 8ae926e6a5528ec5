{#-
    HubSpot properties as typed columns, whichever way the loader shaped them: a jsonb
    `properties` column (the tap's default) or one `properties__<name>` column per property
    (the tap's flattening). HubSpot sends every value as a string (or null): values are
    trimmed and empty strings become null, numbers may carry decimals ("250.0"), datetimes
    are ISO-8601 with a zone (or epoch milliseconds) and become UTC timestamps without zone.
    A property the portal does not have becomes a typed null.
-#}

{#- The lower-cased column names of a HubSpot source table ([] while parsing or linting). -#}
{% macro hubspot_source_columns(table_name) -%}
    {%- set names = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(source('hubspot', table_name)) -%}
            {%- do names.append(column.name | lower) -%}
        {%- endfor -%}
    {%- endif -%}
    {{- return(names) -}}
{%- endmacro %}

{#- One property's raw string value. -#}
{#- The flattened column is matched case-insensitively (`properties__createdDate`). -#}
{% macro hubspot_property_value(columns, name) -%}
    {%- set flattened = 'properties__' ~ name -%}
    {%- if columns and flattened | lower in columns -%}
        nullif(trim(cast({{ adapter.quote(flattened) }} as text)), '')
    {%- elif columns and 'properties' not in columns -%}
        cast(null as text)
    {%- else -%}
        nullif(trim(properties ->> '{{ name }}'), '')
    {%- endif -%}
{%- endmacro %}

{#- One property as a typed, aliased column. -#}
{% macro hubspot_property(columns, name, data_type='text', alias=none) -%}
    {%- set raw = hubspot_property_value(columns, name) -%}
    {%- if data_type == 'timestamp' -%}
        {{ to_utc_timestamp(raw, is_text=true) }}
    {%- elif data_type == 'date' -%}
        cast(left({{ raw }}, 10) as date)
    {%- elif data_type == 'boolean' -%}
        cast(lower({{ raw }}) as boolean)
    {%- elif data_type == 'integer' -%}
        cast(round(cast({{ raw }} as numeric)) as integer)
    {%- elif data_type == 'text' -%}
        {{ raw }}
    {%- else -%}
        cast({{ raw }} as {{ data_type }})
    {%- endif %} as {{ alias or name }}
{%- endmacro %}

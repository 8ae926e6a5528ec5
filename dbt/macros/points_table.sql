{#-
    A points map (a dict var such as `lifecycle_stage_points`) as an inline table of
    (`<key_name>` text, points numeric) rows. An empty map gives no rows. While linting,
    `var()` is a placeholder string: one row stands in for the map.
-#}
{% macro points_table(points_map, key_name) -%}
    {%- set entries = points_map.items() | list if points_map is mapping else [('item', 0)] -%}
    {%- if entries | length == 0 -%}
    select
        cast(null as text) as {{ key_name }},
        cast(null as numeric) as points
    where false
    {%- else -%}
    select
        cast(map_entry.map_key as text) as {{ key_name }},
        cast(map_entry.map_points as numeric) as points
    from (
        values
        {%- for map_key, map_points in entries %}
            {%- set points = map_points if map_points is number else map_points | float %}
            ('{{ map_key | replace("'", "''") }}', {{ points }}){{ "," if not loop.last }}
        {%- endfor %}
    ) as map_entry (map_key, map_points)
    {%- endif -%}
{%- endmacro %}

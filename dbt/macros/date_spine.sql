{#- One row per calendar day from start_date to end_date inclusive, as `date_day`. -#}
{% macro date_spine(start_date, end_date) -%}
    select cast(spine_day as date) as date_day
    from generate_series(
        cast({{ start_date }} as date),
        cast({{ end_date }} as date),
        interval '1 day'
    ) as spine_day
{%- endmacro %}

{#-
    The data's as-of time for a HubSpot staging model: its newest modification. Durations
    of stays still open count up to it, not to the clock of the dbt run, so rebuilding the
    same data gives the same figures.
-#}
{% macro hubspot_data_as_of(staging_model) -%}
    select max(coalesce(property_modified_at, updated_at)) as data_as_of
    from {{ ref(staging_model) }}
{%- endmacro %}

{#-
    Days (3 decimals) of a stay in a stage: exited - entered once left; while
    `is_open_stay` (the current stage, and one where time still counts), up to `as_of`;
    else null.
-#}
{% macro days_in_stage(entered_at, exited_at, is_open_stay, as_of) -%}
    round(
        cast(
            extract(
                epoch from case
                    when {{ exited_at }} is not null then {{ exited_at }} - {{ entered_at }}
                    when {{ is_open_stay }}
                        then greatest({{ as_of }} - {{ entered_at }}, interval '0')
                end
            ) / 86400 as numeric
        ),
        3
    )
{%- endmacro %}

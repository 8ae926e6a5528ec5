{#-
    HubSpot's own stage-timing properties, unpivoted: one row per record and stage with a
    value. HubSpot calculates `hs_v2_date_entered_<stage>` and `hs_v2_date_exited_<stage>` for
    every pipeline stage (deals, tickets) and every lifecycle stage (contacts, companies); the
    tap flattens each into a `properties__<name>` column. The stages are read from the raw
    table's columns when the model compiles, so a stage added in the portal becomes rows on
    the next run with no code change. `hs_v2_date_entered_current_stage` is HubSpot's
    shortcut for the current stage, not a stage of its own, and is left out.
-#}

{#- The stage ids that have an entered or exited column, sorted. -#}
{% macro hubspot_stage_timing_ids(columns) -%}
    {%- set stage_ids = [] -%}
    {%- for kind in ['entered', 'exited'] -%}
        {%- set stem = 'properties__hs_v2_date_' ~ kind ~ '_' -%}
        {%- for column in columns if column.startswith(stem) -%}
            {%- set stage_id = column[stem | length:] -%}
            {%- if stage_id != 'current_stage' and stage_id not in stage_ids -%}
                {%- do stage_ids.append(stage_id) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{- return(stage_ids | sort) -}}
{%- endmacro %}

{#-
    A lateral `values` list of (stage_id, entered_at, exited_at, extra timestamps...), UTC.
    `extra_properties` are more per-stage properties, each a name pattern with `{stage}` in
    it (the lifecycle's `hs_lifecyclestage_{stage}_date`). With no stage columns it yields
    one all-null row, which the caller's filter drops: the model still compiles, and is
    empty, for a portal or tap config without these properties.
-#}
{% macro hubspot_stage_timing_values(columns, extra_properties=[]) -%}
    {%- set rows = [] -%}
    {%- for stage_id in hubspot_stage_timing_ids(columns) -%}
        {%- set names = ['hs_v2_date_entered_' ~ stage_id, 'hs_v2_date_exited_' ~ stage_id] -%}
        {%- for pattern in extra_properties -%}
            {%- do names.append(pattern | replace('{stage}', stage_id)) -%}
        {%- endfor -%}
        {%- set row = ["'" ~ stage_id ~ "'"] -%}
        {%- for name in names -%}
            {%- do row.append(
                to_utc_timestamp(hubspot_property_value(columns, name), is_text=true)
            ) -%}
        {%- endfor -%}
        {%- do rows.append('(' ~ row | join(', ') ~ ')') -%}
    {%- endfor -%}
    {%- if not rows -%}
        {%- set nulls = ['cast(null as text)'] -%}
        {%- for _ in range(2 + extra_properties | length) -%}
            {%- do nulls.append('cast(null as timestamp)') -%}
        {%- endfor -%}
        {%- do rows.append('(' ~ nulls | join(', ') ~ ')') -%}
    {%- endif -%}
    values {{ rows | join(', ') }}
{%- endmacro %}

{#-
    The whole staging select: one row per record of `table_name` and stage with a value,
    keyed `<id>:<stage_id>`, with entered_at / exited_at as UTC timestamps and one more
    timestamp column per `extra_properties` entry (alias: name pattern), sorted by alias.
-#}
{% macro hubspot_stage_timing_rows(table_name, id_alias, extra_properties={}) -%}
    {%- set columns = hubspot_source_columns(table_name) -%}
    {%- set timing_columns = ['entered_at', 'exited_at'] + (extra_properties.keys() | sort) -%}
    {%- set extra_patterns = [] -%}
    {%- for alias in extra_properties.keys() | sort -%}
        {%- do extra_patterns.append(extra_properties[alias]) -%}
    {%- endfor -%}
    with source as (
        select * from {{ source('hubspot', table_name) }}
    ),

    deduplicated as (
        {{ dedupe_singer_rows('source', 'id') }}
    )

    select
        -- ids
        cast(deduplicated.id as text) || ':' || timings.stage_id
            as {{ id_alias | replace('_id', '') }}_stage_timing_id,
        cast(deduplicated.id as text) as {{ id_alias }},
        timings.stage_id,

        -- timestamps (UTC)
        timings.{{ timing_columns | join(', timings.') }}
    from deduplicated
    cross join lateral (
        {{ hubspot_stage_timing_values(columns, extra_patterns) }}
    ) as timings (stage_id, {{ timing_columns | join(', ') }})
    where timings.entered_at is not null or timings.exited_at is not null
{%- endmacro %}

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
    A whole staging model: one row per record of `table_name` and stage with a value,
    keyed `<id>:<stage_id>`, with entered_at / exited_at as UTC timestamps and one more
    timestamp column per `extra_properties` entry (alias: name pattern), sorted by alias.
    An exit before the latest entry is the exit of an earlier visit (a record moved back
    into the stage, if the portal keeps that value): the record is in the stage again, so
    exited_at is null. The stage ids come from flattened `properties__*` columns (the tap's
    `flattening_enabled`); with a jsonb `properties` column instead, the model is empty and
    says so in the log.
-#}
{% macro hubspot_stage_timings_model(table_name, id_alias, extra_properties={}) -%}
    {%- set columns = hubspot_source_columns(table_name) -%}
    {%- if execute and 'properties' in columns and not hubspot_stage_timing_ids(columns) -%}
        {%- do exceptions.warn(
            'raw_hubspot.' ~ table_name ~ ' keeps properties as jsonb: its stage timings'
            ~ ' need the tap setting flattening_enabled (meltano/extract/tap-hubspot.meltano.yml)'
        ) -%}
    {%- endif -%}
    {%- set extra_aliases = extra_properties.keys() | list | sort -%}
    {%- set extra_patterns = [] -%}
    {%- set extra_columns = [] -%}
    {%- for alias in extra_aliases -%}
        {%- do extra_patterns.append(extra_properties[alias]) -%}
        {%- do extra_columns.append(alias) -%}
    {%- endfor -%}
    {%- set value_columns = ['stage_id', 'entered_at', 'exited_at'] + extra_columns -%}
    with source as (
        select * from {{ source('hubspot', table_name) }}
    ),

    deduplicated as (
        {{ dedupe_singer_rows('source', 'id') }}
    ),

    unpivoted as (
        select
            cast(deduplicated.id as text) as record_id,
            timings.*
        from deduplicated
        cross join lateral (
            {{ hubspot_stage_timing_values(columns, extra_patterns) }}
        ) as timings ({{ value_columns | join(', ') }})
        where timings.entered_at is not null or timings.exited_at is not null
    )

    select
        -- ids
        record_id || ':' || stage_id as {{ id_alias | replace('_id', '') }}_stage_timing_id,
        record_id as {{ id_alias }},
        stage_id,

        -- timestamps (UTC)
        {{ (['entered_at'] + extra_columns) | join(', ') }},
        case
            when entered_at is null or exited_at >= entered_at then exited_at
        end as exited_at
    from unpivoted
{%- endmacro %}

{#-
    The HubSpot association streams to read, as (from_object, to_object) pairs taken from the
    var `hubspot_associations` (from-object → list of to-objects); each pair is the source
    table `<from>_<to>_associations`. Pairs involving a call, email, meeting, note or task are
    left out when `hubspot_engagements_enabled` is false (those streams are not extracted).
    While linting, `var()` is a placeholder string: one pair stands in for the list.
-#}
{% macro hubspot_association_pairs() -%}
    {%- set engagement_objects = ['call', 'email', 'meeting', 'note', 'task'] -%}
    {%- set configured = var('hubspot_associations', {}) -%}
    {%- set pairs = [] -%}
    {%- if configured is mapping -%}
        {%- for from_object in configured | sort -%}
            {%- for to_object in configured[from_object] | sort -%}
                {%- if var('hubspot_engagements_enabled', true)
                    or (from_object not in engagement_objects
                        and to_object not in engagement_objects) -%}
                    {%- do pairs.append((from_object, to_object)) -%}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- else -%}
        {%- do pairs.append(('deal', 'contact')) -%}
    {%- endif -%}
    {{- return(pairs) -}}
{%- endmacro %}

{#-
    Every association stream stacked in one shape, with the object types named: the raw
    columns cast to one type per column, plus the Singer columns the dedupe needs. A stream
    whose table is not in the warehouse (not selected in the tap) is skipped; with none at
    all, the result is empty.
-#}
{% macro hubspot_associations_unioned() -%}
    {%- set loaded = [] -%}
    {%- for from_object, to_object in hubspot_association_pairs() -%}
        {%- set relation = source('hubspot', from_object ~ '_' ~ to_object ~ '_associations') -%}
        {%- if not execute
            or adapter.get_relation(relation.database, relation.schema, relation.identifier)
            is not none -%}
            {%- do loaded.append((from_object, to_object, relation)) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if loaded | length == 0 %}
    select
        cast(null as text) as from_object_type,
        cast(null as text) as to_object_type,
        cast(null as text) as from_id,
        cast(null as text) as to_id,
        cast(null as integer) as association_type_id,
        cast(null as text) as association_type_category,
        cast(null as text) as association_type_label,
        cast(null as timestamp) as _sdc_deleted_at,
        cast(null as timestamp) as _sdc_batched_at,
        cast(null as bigint) as _sdc_sequence
    where false
    {%- endif %}
    {%- for from_object, to_object, relation in loaded %}
    select
        '{{ from_object }}' as from_object_type,
        '{{ to_object }}' as to_object_type,
        cast(from_id as text) as from_id,
        cast(to_id as text) as to_id,
        cast(association_type_id as integer) as association_type_id,
        cast(association_type_category as text) as association_type_category,
        cast(association_type_label as text) as association_type_label,
        _sdc_deleted_at,
        _sdc_batched_at,
        _sdc_sequence
    from {{ relation }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}

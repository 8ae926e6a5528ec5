{#-
    The HubSpot association streams to read, as (from_object, to_object) pairs taken from the
    var `hubspot_associations` (from-object → list of to-objects); each pair is the source
    table `<from>_<to>_associations`. Pairs involving a call, email, meeting, note or task are
    left out when `hubspot_engagements_enabled` is false (those streams are not extracted).
    Each edge must be read from one side only: stg_hubspot__associations adds the inverse
    rows, so a mirrored pair (both a → b and b → a, or a → a) would serve every edge twice and
    fails the compilation.
    While linting, `var()` is a placeholder string: one pair stands in for the list.
-#}
{% macro hubspot_association_pairs() -%}
    {%- set engagement_objects = ['call', 'email', 'meeting', 'note', 'task'] -%}
    {%- set include_engagements = var('hubspot_engagements_enabled', true) -%}
    {%- set configured = var('hubspot_associations', {}) -%}
    {%- set associations = configured if configured is mapping else {'deal': ['contact']} -%}
    {%- set pairs = [] -%}
    {%- for from_object in associations | sort -%}
        {%- for to_object in associations[from_object] | sort -%}
            {%- if from_object in associations.get(to_object, []) -%}
                {%- do exceptions.raise_compiler_error(
                    'var hubspot_associations reads the edges between ' ~ from_object
                    ~ ' and ' ~ to_object ~ ' from both sides; keep only the owner side'
                    ~ ' (stg_hubspot__associations adds the inverse rows)'
                ) -%}
            {%- endif -%}
            {%- set touches_engagements = from_object in engagement_objects
                or to_object in engagement_objects -%}
            {%- if include_engagements or not touches_engagements -%}
                {%- do pairs.append((from_object, to_object)) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{- return(pairs) -}}
{%- endmacro %}

{#-
    The (from_object, to_object, source relation) of every association stream to read whose
    table is in the warehouse: a stream not selected in the tap has no table and is skipped.
    While parsing every pair is kept, so that each source is a dependency of the model.
-#}
{% macro hubspot_association_relations() -%}
    {%- set relations = [] -%}
    {%- for from_object, to_object in hubspot_association_pairs() -%}
        {%- set table_name = from_object ~ '_' ~ to_object ~ '_associations' -%}
        {%- set relation = source('hubspot', table_name) -%}
        {%- set is_loaded = not execute or adapter.get_relation(
            relation.database, relation.schema, relation.identifier
        ) is not none -%}
        {%- if is_loaded -%}
            {%- do relations.append((from_object, to_object, relation)) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(relations) -}}
{%- endmacro %}

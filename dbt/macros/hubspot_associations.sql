{#- Each family switch (a var) and the HubSpot objects (association names) it covers. -#}
{% macro hubspot_family_objects() -%}
    {{- return({
        'hubspot_engagements_enabled': ['call', 'email', 'meeting', 'note', 'task'],
        'hubspot_sales_enabled': ['deal', 'line_item', 'quote', 'product'],
        'hubspot_service_enabled': ['ticket', 'feedback_submission'],
        'hubspot_custom_objects_enabled': ['supervision_agreement'],
    }) -}}
{%- endmacro %}

{#-
    The HubSpot association streams to read, as (from_object, to_object) pairs taken from the
    var `hubspot_associations` (from-object → list of to-objects); each pair is the source
    table `<from>_<to>_associations`. A pair is left out when either object belongs to a
    family that is switched off (those streams are not extracted): engagements (call, email,
    meeting, note, task) by `hubspot_engagements_enabled`, and the families of
    `hubspot_family_objects()`.
    Each edge must be read from one side only: stg_hubspot__associations adds the inverse
    rows, so a mirrored pair (both a → b and b → a, or a → a) would serve every edge twice and
    fails the compilation.
    While linting, `var()` is a placeholder string: one pair stands in for the list.
-#}
{% macro hubspot_association_pairs() -%}
    {%- set switched_off = [] -%}
    {%- for family_var, objects in hubspot_family_objects().items() -%}
        {%- if not var(family_var, true) -%}{%- do switched_off.extend(objects) -%}{%- endif -%}
    {%- endfor -%}
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
            {%- if from_object not in switched_off and to_object not in switched_off -%}
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

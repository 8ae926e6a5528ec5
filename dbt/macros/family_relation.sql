{#-
    `ref(model_name)` while the model's family (var `family_var`) is on; an empty relation
    with the given columns ({name: type}) when it is off. A mart that mixes families (deals
    and contacts, tickets and clinicians) keeps its other parts, and its shape, when one
    family is switched off. With `alias`, the relation is aliased in both cases; without,
    only the empty one is (PostgreSQL names every subquery in FROM).
-#}
{% macro family_relation(model_name, family_var, columns, alias=none) -%}
    {%- if var(family_var) -%}
        {{ ref(model_name) }}{{ ' as ' ~ alias if alias }}
    {%- else -%}
        (
            select
        {%- for name, data_type in columns.items() %}
                cast(null as {{ data_type }}) as {{ name }}{{ ',' if not loop.last }}
        {%- endfor %}
            where false
        ) as {{ alias or model_name ~ '_switched_off' }}
    {%- endif -%}
{%- endmacro %}

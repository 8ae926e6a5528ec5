{#-
    `analyze` of every declared source table changed since its last analyze (or never
    analyzed), run before the models (`on-run-start`). The loaders have usually just written
    them and autovacuum analyzes a table only up to a minute later: without statistics the
    planner guesses `not is_deleted` at 0.5% of the rows and joins the staging views in
    nested loops, quadratic in the rows. A table autovacuum already analyzed is skipped.
-#}
{% macro analyze_stale_sources() -%}
    {#- the graph is empty, and the warehouse not queried, while dbt parses -#}
    {%- if not execute -%}
        {{- return('') -}}
    {%- endif -%}
    {%- set declared = [] -%}
    {%- for source_node in graph.sources.values() -%}
        {%- do declared.append(
            "('" ~ source_node.schema ~ "', '" ~ source_node.identifier ~ "')"
        ) -%}
    {%- endfor -%}
    {%- set stale_sql -%}
        select format('%I.%I', schemaname, relname) as relation_name
        from pg_stat_user_tables
        where
            (schemaname, relname) in ({{ declared | join(', ') }})
            and (n_mod_since_analyze > 0 or coalesce(last_analyze, last_autoanalyze) is null)
        order by relation_name
    {%- endset -%}
    {%- set stale = run_query(stale_sql).columns[0].values() if declared else [] -%}
    {{- return('analyze ' ~ stale | join(', ') if stale else '') -}}
{%- endmacro %}

{#-
    Logs one line per row of a query at execution time (`<prefix><column value>`), e.g. so a
    failing data test names its failures in the `dbt build` output itself.
-#}
{% macro log_query_rows(sql, column_name, prefix='') -%}
    {%- if execute -%}
        {%- for query_row in run_query(sql).rows -%}
            {%- do log(prefix ~ query_row[column_name], info=true) -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

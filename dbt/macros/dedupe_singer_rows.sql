{#-
    The latest version of each key among the rows a Singer target appended or upserted:
    a later batch wins, then a later message within the batch.
    `distinct on` picks the same row as `row_number() over (...) = 1`, but PostgreSQL
    estimates its output as the number of distinct keys, whereas a filter on a window
    function's result is guessed at 0.5% of the rows: joins of these views then ran as
    nested loops, quadratic in the rows (minutes at 100,000 reviews).
-#}
{% macro dedupe_singer_rows(relation, partition_by) -%}
    select distinct on ({{ partition_by }}) {{ relation }}.*
    from {{ relation }}
    order by {{ partition_by }}, _sdc_batched_at desc nulls last, _sdc_sequence desc nulls last
{%- endmacro %}

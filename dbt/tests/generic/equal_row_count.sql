{#-
    Fan-out guard: the model has exactly as many rows as the model that drives it
    (optionally filtered, e.g. to drop deleted rows). With `times_distinct`, the expected
    count is the driving model's count times the number of distinct values of that column
    in the model: a complete grid, e.g. physician × day. With `compare_distinct`, the
    driving count is the number of distinct values of that expression in compare_model.
    With `plus_model` (and `plus_where`), that model's rows are added to the driving count:
    a model stacking two others, e.g. physicians and providers.
-#}
{%- test equal_row_count(
    model, compare_model, compare_where=none, times_distinct=none, compare_distinct=none,
    plus_model=none, plus_where=none
) -%}
with model_rows as (
    select
        count(*) as row_count,
        {{ "count(distinct " ~ times_distinct ~ ")" if times_distinct else "1" }} as multiplier
    from {{ model }}
),

compare_rows as (
    select
        {{ "count(distinct " ~ compare_distinct ~ ")" if compare_distinct else "count(*)" }}
            as row_count
    from {{ compare_model }}
    where {{ compare_where or "true" }}
    {%- if plus_model %}
    union all
    select count(*) as row_count
    from {{ plus_model }}
    where {{ plus_where or "true" }}
    {%- endif %}
),

compare_total as (
    select sum(row_count) as row_count
    from compare_rows
)

select
    model_rows.row_count as model_row_count,
    compare_total.row_count * model_rows.multiplier as expected_row_count
from model_rows
cross join compare_total
where model_rows.row_count != compare_total.row_count * model_rows.multiplier
{%- endtest -%}

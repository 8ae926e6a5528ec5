{#-
    The latest version of each key among the rows a Singer target appended or upserted:
    a later batch wins, then a later message within the batch.
    Filtered `<= 1`, not `= 1`: PostgreSQL stops the window after the first row either way,
    but keeps `= 1` as a filter too and guesses that at 0.5% of the rows, so joins of two
    staging views ran as nested loops, quadratic in the rows. `<= 1` leaves no filter: a
    view is estimated at its table's rows.
-#}
{% macro dedupe_singer_rows(relation, partition_by) -%}
    select ranked.*
    from (
        select
            {{ relation }}.*,
            row_number() over (
                partition by {{ partition_by }}
                order by _sdc_batched_at desc nulls last, _sdc_sequence desc nulls last
            ) as _sdc_row_number
        from {{ relation }}
    ) as ranked
    where ranked._sdc_row_number <= 1
{%- endmacro %}

{{ config(severity='error') }}
{#-
    Malformed rows of the legacy CRM CSV exports (surplus fields in `_sdc_extra`): one
    failing row per malformed line, named `file:line`, each also logged in the build output.
    The build (and so `meltano run elt-all`) exits non-zero; the good rows stay loaded and
    staged, and since the audit view has no children no mart is held back.
-#}
{%- set malformed_sql -%}
    select
        file_line,
        source_table,
        source_file,
        source_lineno,
        surplus_field_count,
        surplus_fields,
        file_line || ' (' || source_table || ') surplus fields ' || surplus_fields
            as log_line
    from {{ ref('stg_s3__malformed_csv_rows') }}
{%- endset -%}

{{- log_query_rows(
    malformed_sql ~ ' order by file_line', 'log_line', 'Malformed CSV row (kept out of staging): '
) }}

{{ malformed_sql }}

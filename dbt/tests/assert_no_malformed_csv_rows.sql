{{ config(severity='error') }}
{#-
    Malformed rows of the legacy CRM CSV exports: tap-s3-csv keeps a row with more fields
    than the header but puts the surplus in `_sdc_extra`. Staging drops these rows; this test
    fails the build (and so `meltano run elt-all`) naming each one as `file:line`, also in the
    log, while the good rows stay loaded.
-#}
{%- set csv_tables = ['contacts_csv', 'deals_csv'] -%}

{%- set malformed_sql -%}
    {%- for table_name in csv_tables %}
    select
        '{{ table_name }}' as source_table,
        _sdc_source_file as source_file,
        _sdc_source_lineno as source_lineno,
        _sdc_source_file || ':' || cast(_sdc_source_lineno as text) as file_line,
        cardinality(_sdc_extra) as surplus_field_count,
        cast(_sdc_extra as text) as surplus_fields
    from {{ source('s3', table_name) }}
    where coalesce(cardinality(_sdc_extra), 0) > 0
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
{%- endset -%}

{%- if execute and flags.WHICH in ('test', 'build') -%}
    {%- for row in run_query(malformed_sql ~ ' order by file_line').rows -%}
        {%- do log('Malformed CSV row (surplus fields dropped from staging): '
            ~ row['file_line'] ~ ' ' ~ row['surplus_fields'], info=true) -%}
    {%- endfor -%}
{%- endif %}

{{ malformed_sql }}

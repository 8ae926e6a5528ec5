{#-
    The rows of the legacy CRM CSV exports that tap-s3-csv found malformed (more fields than
    the header: the surplus is in `_sdc_extra`). The other stg_s3 models exclude them; this
    audit view lists them for the test assert_no_malformed_csv_rows. No model reads it, so
    that failing test holds back no mart.
-#}
{%- set csv_tables = ['contacts_csv', 'deals_csv'] -%}

with source as (
    select
        cast(null as text) as source_table,
        cast(null as text) as _sdc_source_file,
        cast(null as bigint) as _sdc_source_lineno,
        cast(null as jsonb[]) as _sdc_extra,
        cast(null as timestamp) as _sdc_batched_at,
        cast(null as bigint) as _sdc_sequence
    where false
    {%- for table_name in csv_tables %}

        union all

        select
            '{{ table_name }}' as source_table,
            _sdc_source_file,
            _sdc_source_lineno,
            _sdc_extra,
            _sdc_batched_at,
            _sdc_sequence
        from {{ source('s3', table_name) }}
        where coalesce(cardinality(_sdc_extra), 0) > 0
    {%- endfor %}
),

deduplicated as (
    {{ dedupe_singer_rows('source', 'source_table, _sdc_source_file, _sdc_source_lineno') }}
),

renamed as (
    select
        -- ids
        source_table || ':' || _sdc_source_file || ':' || cast(_sdc_source_lineno as text)
            as malformed_row_id,
        source_table,
        _sdc_source_file as source_file,
        _sdc_source_lineno as source_lineno,

        -- attributes
        _sdc_source_file || ':' || cast(_sdc_source_lineno as text) as file_line,
        cardinality(_sdc_extra) as surplus_field_count,
        cast(_sdc_extra as text) as surplus_fields,

        -- singer metadata
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

{#-
    A value a tap may have typed as text (ISO-8601 with or without a zone, or epoch
    milliseconds), as a number of epoch milliseconds, or as a timestamp: a UTC timestamp
    without zone. Values without a zone are taken as UTC.
-#}
{% macro to_utc_timestamp(column, is_text=false) -%}
    {%- set as_text = column if is_text else "cast(" ~ column ~ " as text)" -%}
    case
        when {{ as_text }} ~ '^\d{11,}$'
            then (to_timestamp(cast({{ as_text }} as bigint) / 1000.0) at time zone 'UTC')
        when {{ as_text }} ~ '\d:\d\d(:\d\d(\.\d+)?)?\s*([Zz]|[+-]\d\d(:?\d\d)?)$'
            then (cast({{ as_text }} as timestamptz) at time zone 'UTC')
        else cast({{ as_text }} as timestamp)
    end
{%- endmacro %}

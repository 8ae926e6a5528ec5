{#-
    True when the HubSpot contact id in `contact_id_column` was merged into another contact
    (int_contact_merges): HubSpot no longer serves it, and the copy an earlier sync loaded
    must not count as a contact of its own.
-#}
{% macro is_merged_away(contact_id_column) -%}
    exists (
        select 1 from {{ ref('int_contact_merges') }} as contact_merges
        where contact_merges.merged_contact_id = {{ contact_id_column }}
    )
{%- endmacro %}

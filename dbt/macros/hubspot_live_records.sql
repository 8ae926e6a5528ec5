{#-
    The records of a HubSpot staging model that HubSpot still serves (not archived; with
    `without_merged`, no contact merged into another either), with `modified_at`: HubSpot's
    own last-modified timestamp, or the API's `updatedAt` where a type has no such property.
    What the SCD2 snapshots (snapshots/) version.
-#}
{% macro hubspot_live_records(staging_model, without_merged=false) -%}
    select
        *,
        coalesce(property_modified_at, updated_at) as modified_at
    from {{ ref(staging_model) }}
    where not is_deleted
    {%- if without_merged %} and not {{ is_merged_away('contact_id') }}{% endif %}
{%- endmacro %}

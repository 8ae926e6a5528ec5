{#-
    HubSpot contacts as the snapshot versions them (macros/hubspot_live_records.sql), less
    those merged into another contact (int_contact_merges): HubSpot no longer serves them.
-#}
{{ hubspot_live_records('stg_hubspot__contacts', without_merged=true) }}

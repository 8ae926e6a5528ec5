{#- HubSpot companies as the snapshot versions them (macros/hubspot_live_records.sql). -#}
{{ hubspot_live_records('stg_hubspot__companies') }}

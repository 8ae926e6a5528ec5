{{ config(enabled=var('hubspot_service_enabled')) }}
{#- HubSpot tickets as the snapshot versions them (macros/hubspot_live_records.sql). -#}
{{ hubspot_live_records('stg_hubspot__tickets') }}

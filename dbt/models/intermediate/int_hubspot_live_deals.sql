{{ config(enabled=var('hubspot_sales_enabled')) }}
{#- HubSpot deals as the snapshot versions them (macros/hubspot_live_records.sql). -#}
{{ hubspot_live_records('stg_hubspot__deals') }}

{{ config(enabled=var('hubspot_sales_enabled')) }}
{#-
    One row per deal and pipeline stage it has entered or exited, from HubSpot's
    `hs_v2_date_entered_<stage>` / `hs_v2_date_exited_<stage>` properties
    (macros/hubspot_stage_timings.sql): the deal's most recent entry into and exit from the
    stage, as HubSpot keeps no earlier visits.
-#}
{{ hubspot_stage_timings_model('deals', 'deal_id') }}

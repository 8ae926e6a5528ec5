{{ config(enabled=var('hubspot_service_enabled')) }}
{#-
    One row per ticket and pipeline stage it has entered or exited, from HubSpot's
    `hs_v2_date_entered_<stage>` / `hs_v2_date_exited_<stage>` properties
    (macros/hubspot_stage_timings.sql): the ticket's most recent entry into and exit from the
    stage, as HubSpot keeps no earlier visits.
-#}
{{ hubspot_stage_timings_model('tickets', 'ticket_id') }}

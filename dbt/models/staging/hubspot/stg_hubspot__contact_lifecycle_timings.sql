{#-
    One row per contact and lifecycle stage it has reached, from HubSpot's
    `hs_v2_date_entered_<stage>` / `hs_v2_date_exited_<stage>` properties and the older
    `hs_lifecyclestage_<stage>_date` (when it first became that stage), see
    macros/hubspot_stage_timings.sql.
-#}
{{ hubspot_stage_timings_model(
    'contacts', 'contact_id', {'became_stage_at': 'hs_lifecyclestage_{stage}_date'}
) }}

{#-
    One row per HubSpot contact (archived and merged-away contacts excluded) and lifecycle
    stage it reached, from HubSpot's stage-timing properties: when it entered and left the
    stage, when it first became that stage (`hs_lifecyclestage_<stage>_date`), how long it
    stayed, and the portal's label for the stage (from the synced property definition).
    days_in_stage follows fct_deal_stage_history: up to the data's as-of time for the
    current stage.
-#}
with timings as (
    select * from {{ ref('stg_hubspot__contact_lifecycle_timings') }}
    where entered_at is not null or became_stage_at is not null
),

contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where not is_deleted
),

stage_options as (
    select * from {{ ref('stg_hubspot__property_options') }}
    where object_type = 'contacts' and property_name = 'lifecyclestage'
),

as_of as (
    {{ hubspot_data_as_of('stg_hubspot__contacts') }}
),

stays as (
    select
        timings.contact_stage_timing_id,
        timings.contact_id,
        timings.stage_id,
        coalesce(timings.entered_at, timings.became_stage_at) as entered_at,
        timings.exited_at,
        timings.became_stage_at,
        contacts.email_normalized,
        timings.stage_id = contacts.lifecycle_stage as is_current_stage
    from timings
    inner join contacts on timings.contact_id = contacts.contact_id
    where not {{ is_merged_away('timings.contact_id') }}
),

final as (
    select
        stays.contact_stage_timing_id as contact_lifecycle_history_id,
        stays.contact_id,
        stays.email_normalized,

        -- stage
        stays.stage_id as lifecycle_stage,
        coalesce(stage_options.option_label, stays.stage_id) as lifecycle_stage_label,
        stage_options.display_order as lifecycle_stage_order,
        stays.is_current_stage,

        -- time in stage (UTC)
        stays.entered_at,
        stays.exited_at,
        stays.became_stage_at,
        {{ days_in_stage(
            'stays.entered_at', 'stays.exited_at', 'stays.is_current_stage', 'as_of.data_as_of'
        ) }} as days_in_stage
    from stays
    left join stage_options on stays.stage_id = stage_options.option_value
    cross join as_of
)

select * from final

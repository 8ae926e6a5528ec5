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

contact_merges as (
    select * from {{ ref('int_contact_merges') }}
),

stage_options as (
    select * from {{ ref('stg_hubspot__property_options') }}
    where object_type = 'contacts' and property_name = 'lifecyclestage'
),

as_of as (
    select max(coalesce(property_modified_at, updated_at)) as data_as_of
    from {{ ref('stg_hubspot__contacts') }}
),

final as (
    select
        timings.contact_stage_timing_id as contact_lifecycle_history_id,
        timings.contact_id,
        contacts.email_normalized,

        -- stage
        timings.stage_id as lifecycle_stage,
        coalesce(stage_options.option_label, timings.stage_id) as lifecycle_stage_label,
        stage_options.display_order as lifecycle_stage_order,
        timings.stage_id = contacts.lifecycle_stage as is_current_stage,

        -- time in stage (UTC)
        coalesce(timings.entered_at, timings.became_stage_at) as entered_at,
        timings.exited_at,
        timings.became_stage_at,
        round(
            cast(
                extract(
                    epoch from case
                        when timings.exited_at is not null
                            then timings.exited_at - timings.entered_at
                        when timings.stage_id = contacts.lifecycle_stage
                            then greatest(as_of.data_as_of - timings.entered_at, interval '0')
                    end
                ) / 86400 as numeric
            ),
            3
        ) as days_in_stage
    from timings
    inner join contacts on timings.contact_id = contacts.contact_id
    left join stage_options on timings.stage_id = stage_options.option_value
    cross join as_of
    where not exists (
            select 1 from contact_merges
            where contact_merges.merged_contact_id = timings.contact_id
        )
)

select * from final

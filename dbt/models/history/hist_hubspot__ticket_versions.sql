{{ config(enabled=var('hubspot_service_enabled')) }}
{#-
    One row per version of a HubSpot ticket that our syncs saw (snap_hubspot__tickets), with
    the pipeline, stage and owner it had while the version was valid: [valid_from, valid_to),
    valid_to null for the current version of a live ticket.
-#}
with versions as (
    select * from {{ ref('snap_hubspot__tickets') }}
),

final as (
    select
        -- ids
        dbt_scd_id as ticket_version_id,
        ticket_id,

        -- state in this version
        pipeline_id,
        ticket_stage_id,
        owner_id,

        -- validity (UTC)
        dbt_valid_from as valid_from,
        dbt_valid_to as valid_to,
        dbt_valid_to is null as is_current_version,
        row_number() over (partition by ticket_id order by dbt_valid_from) = 1
            as is_first_version
    from versions
)

select * from final

{#-
    HubSpot's stage timings as the marts read them: a stay never ends before it starts, and
    no stay is negative. Rows returned are stays that break this.
-#}
{% if var('hubspot_sales_enabled') -%}
    select
        'deal' as record_type,
        deal_stage_history_id as history_id,
        entered_at,
        exited_at,
        days_in_stage
    from {{ ref('fct_deal_stage_history') }}
    where exited_at < entered_at or days_in_stage < 0

    union all

{% endif -%}
select
    'contact' as record_type,
    contact_lifecycle_history_id as history_id,
    entered_at,
    exited_at,
    days_in_stage
from {{ ref('fct_contact_lifecycle_history') }}
where exited_at < entered_at or days_in_stage < 0

{{ config(enabled=var('hubspot_engagements_enabled')) }}

with calls as (
    select
        call_id as engagement_id,
        owner_id,
        activity_at
    from {{ ref('stg_hubspot__calls') }}
    where not is_deleted
),

emails as (
    select
        email_id as engagement_id,
        owner_id,
        activity_at
    from {{ ref('stg_hubspot__emails') }}
    where not is_deleted
),

meetings as (
    select
        meeting_id as engagement_id,
        owner_id,
        activity_at
    from {{ ref('stg_hubspot__meetings') }}
    where not is_deleted
),

notes as (
    select
        note_id as engagement_id,
        owner_id,
        activity_at
    from {{ ref('stg_hubspot__notes') }}
    where not is_deleted
),

tasks as (
    select
        task_id as engagement_id,
        owner_id,
        activity_at
    from {{ ref('stg_hubspot__tasks') }}
    where not is_deleted
),

unioned as (
    select
        'call' as engagement_type,
        calls.*
    from calls
    union all
    select
        'email' as engagement_type,
        emails.*
    from emails
    union all
    select
        'meeting' as engagement_type,
        meetings.*
    from meetings
    union all
    select
        'note' as engagement_type,
        notes.*
    from notes
    union all
    select
        'task' as engagement_type,
        tasks.*
    from tasks
)

select * from unioned

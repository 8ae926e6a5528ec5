{#-
    One row per HubSpot contact merged away into another: the merged-away id and the
    contact that absorbed it in the end. HubSpot lists every id a contact absorbed in its
    `hs_merged_object_ids` (`;`-separated) and stops serving the merged-away records, so an
    incremental sync never updates or deletes the copies an earlier sync loaded: the models
    drop them and move what pointed at them to the survivor.
    A survivor that was archived later still absorbed them (HubSpot never serves a merged
    id again), and a chain (A into B, then B into C) resolves to its end (C), whether or not
    C's list repeats A.
-#}
with recursive contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where merged_object_ids is not null
),

listed as (
    select
        trim(merged_id.value) as merged_contact_id,
        contacts.contact_id as surviving_contact_id,
        coalesce(contacts.property_modified_at, contacts.updated_at) as survivor_modified_at
    from contacts
    cross join
        lateral unnest(string_to_array(contacts.merged_object_ids, ';'))
            as merged_id (value)
    where trim(merged_id.value) not in ('', contacts.contact_id)
),

-- An id listed by two survivors (A into B, then B into C lists A again): the most recently
-- modified one is where it went last.
direct as (
    select distinct on (merged_contact_id)
        merged_contact_id,
        surviving_contact_id
    from listed
    order by merged_contact_id asc, survivor_modified_at desc, surviving_contact_id asc
),

-- Follow each id to a survivor that was not merged away itself (bounded: a cycle in
-- corrupt data stops after 20 steps instead of looping).
chained as (
    select
        merged_contact_id,
        surviving_contact_id,
        1 as hops
    from direct

    union all

    select
        chained.merged_contact_id,
        direct.surviving_contact_id,
        chained.hops + 1 as hops
    from chained
    inner join direct on chained.surviving_contact_id = direct.merged_contact_id
    where chained.hops < 20
),

resolved as (
    select distinct on (merged_contact_id)
        merged_contact_id,
        surviving_contact_id
    from chained
    order by merged_contact_id asc, hops desc
)

select * from resolved

{#-
    One row per HubSpot contact merged away into another: the merged-away id and the
    surviving contact. HubSpot lists every id a contact absorbed in its
    `hs_merged_object_ids` (`;`-separated, earlier contact_merges included), and stops serving the
    merged-away records, so an incremental sync never updates or deletes the copies an
    earlier sync loaded: the models drop them and move what pointed at them to the survivor.
-#}
with contacts as (
    select * from {{ ref('stg_hubspot__contacts') }}
    where not is_deleted and merged_object_ids is not null
),

merged as (
    select
        trim(merged_id.value) as merged_contact_id,
        contacts.contact_id as surviving_contact_id,
        coalesce(contacts.property_modified_at, contacts.updated_at) as survivor_modified_at
    from contacts
    cross join
        lateral unnest(string_to_array(contacts.merged_object_ids, ';'))
            as merged_id (value)
    where trim(merged_id.value) <> ''
),

-- An id merged twice (A into B, then B into C) is listed by both B and C: the most recently
-- modified survivor is the one HubSpot still serves.
latest as (
    select distinct on (merged_contact_id)
        merged_contact_id,
        surviving_contact_id
    from merged
    where merged_contact_id <> surviving_contact_id
    order by merged_contact_id asc, survivor_modified_at desc, surviving_contact_id asc
)

select * from latest

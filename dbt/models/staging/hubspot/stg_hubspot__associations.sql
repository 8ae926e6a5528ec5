{#-
    Every HubSpot association stream (`<from>_<to>_associations`, listed in the var
    `hubspot_associations`) in one model, with the object types named.
-#}
with source as (
    {{ hubspot_associations_unioned() }}
),

deduplicated as (
    {{ dedupe_singer_rows(
        'source', 'from_object_type, to_object_type, from_id, to_id, association_type_id'
    ) }}
),

renamed as (
    select
        -- ids
        from_object_type || ':' || from_id
        || ':' || to_object_type || ':' || to_id
        || ':' || coalesce(cast(association_type_id as text), '') as association_id,
        from_object_type,
        from_id,
        to_object_type,
        to_id,

        -- attributes
        association_type_category,
        association_type_id,
        nullif(association_type_label, '') as association_type_label,

        -- status
        _sdc_deleted_at is not null as is_deleted,
        _sdc_batched_at as loaded_at
    from deduplicated
)

select * from renamed

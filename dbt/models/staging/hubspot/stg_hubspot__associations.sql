{#-
    Every HubSpot association stream (`<from>_<to>_associations`, listed in the var
    `hubspot_associations`) in one model, with the object types named, served in both
    directions: each stream is read from the edge's owner side only, so every row as read
    comes with its inverse (object types and ids swapped, `is_inverse`), which keeps the
    association type of the direction read. The first, empty branch gives the union its
    column types even when no stream is loaded.
-#}
with source as (
    select
        cast(null as text) as from_object_type,
        cast(null as text) as to_object_type,
        cast(null as text) as from_id,
        cast(null as text) as to_id,
        cast(null as integer) as association_type_id,
        cast(null as text) as association_type_category,
        cast(null as text) as association_type_label,
        cast(null as timestamp) as _sdc_deleted_at,
        cast(null as timestamp) as _sdc_batched_at,
        cast(null as bigint) as _sdc_sequence
    where false
    {%- for from_object, to_object, relation in hubspot_association_relations() %}

        union all

        select
            '{{ from_object }}' as from_object_type,
            '{{ to_object }}' as to_object_type,
            cast(from_id as text) as from_id,
            cast(to_id as text) as to_id,
            cast(association_type_id as integer) as association_type_id,
            cast(association_type_category as text) as association_type_category,
            cast(association_type_label as text) as association_type_label,
            _sdc_deleted_at,
            _sdc_batched_at,
            _sdc_sequence
        from {{ relation }}
    {%- endfor %}
),

deduplicated as (
    {{ dedupe_singer_rows(
        'source', 'from_object_type, to_object_type, from_id, to_id, association_type_id'
    ) }}
),

renamed as (
    select
        -- ids
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
),

both_directions as (
    select
        from_object_type,
        from_id,
        to_object_type,
        to_id,
        false as is_inverse,
        association_type_category,
        association_type_id,
        association_type_label,
        is_deleted,
        loaded_at
    from renamed

    union all

    select
        to_object_type as from_object_type,
        to_id as from_id,
        from_object_type as to_object_type,
        from_id as to_id,
        true as is_inverse,
        association_type_category,
        association_type_id,
        association_type_label,
        is_deleted,
        loaded_at
    from renamed
),

final as (
    select
        -- ids
        from_object_type || ':' || from_id
        || ':' || to_object_type || ':' || to_id
        || ':' || coalesce(cast(association_type_id as text), '')
        || ':' || case when is_inverse then 'inverse' else 'read' end as association_id,
        from_object_type,
        from_id,
        to_object_type,
        to_id,

        -- direction
        is_inverse,

        -- attributes
        association_type_category,
        association_type_id,
        association_type_label,

        -- status
        is_deleted,
        loaded_at
    from both_directions
)

select * from final

-- The OLTP `supervision` database: supervising physicians review the cases of the
-- providers (NPs and PAs) they supervise, state by state.
-- Idempotent: safe to apply on every load.

create table if not exists states (
    state_id uuid primary key,
    code char(2) not null unique check (code ~ '^[A-Z]{2}$'),
    name text not null,
    review_sla_days integer not null check (review_sla_days > 0),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table if not exists physicians (
    physician_id uuid primary key,
    state_id uuid not null references states (state_id),
    first_name text not null,
    last_name text not null,
    email text not null unique,
    npi text not null unique check (npi ~ '^[0-9]{10}$'),
    specialty text not null check (
        specialty in (
            'internal_medicine', 'family_medicine', 'emergency_medicine', 'pediatrics',
            'psychiatry'
        )
    ),
    status text not null check (status in ('active', 'inactive')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table if not exists providers (
    provider_id uuid primary key,
    supervising_physician_id uuid not null references physicians (physician_id),
    state_id uuid not null references states (state_id),
    first_name text not null,
    last_name text not null,
    email text not null unique,
    provider_type text not null check (provider_type in ('NP', 'PA')),
    license_number text not null,
    status text not null check (status in ('active', 'inactive')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table if not exists cases (
    case_id uuid primary key,
    provider_id uuid not null references providers (provider_id),
    state_id uuid not null references states (state_id),
    patient_ref text not null,
    case_type text not null check (
        case_type in ('chart_review', 'prescription', 'procedure', 'consult')
    ),
    priority text not null check (priority in ('routine', 'urgent')),
    status text not null check (status in ('open', 'in_review', 'closed')),
    opened_at timestamptz not null,
    closed_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((status = 'closed') = (closed_at is not null))
);

create table if not exists case_reviews (
    review_id uuid primary key,
    case_id uuid not null references cases (case_id),
    physician_id uuid not null references physicians (physician_id),
    status text not null check (status in ('pending', 'completed')),
    requested_at timestamptz not null,
    due_at timestamptz not null,
    reviewed_at timestamptz,
    outcome text check (outcome in ('approved', 'changes_requested', 'escalated')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (due_at > requested_at),
    check (
        (status = 'completed' and reviewed_at is not null and outcome is not null)
        or (status = 'pending' and reviewed_at is null and outcome is null)
    )
);

-- Incremental extraction reads by updated_at; the change simulator looks reviews up by case.
create index if not exists states_updated_at_idx on states (updated_at);
create index if not exists physicians_updated_at_idx on physicians (updated_at);
create index if not exists providers_updated_at_idx on providers (updated_at);
create index if not exists cases_updated_at_idx on cases (updated_at);
create index if not exists case_reviews_updated_at_idx on case_reviews (updated_at);
create index if not exists cases_provider_id_idx on cases (provider_id);
create index if not exists case_reviews_case_id_idx on case_reviews (case_id);

-- An update that sets updated_at itself keeps it (the deterministic change simulator
-- relies on that); any other update moves it to now().
create or replace function touch_updated_at() returns trigger
language plpgsql as $$
begin
    if new.updated_at is not distinct from old.updated_at then
        new.updated_at := now();
    end if;
    return new;
end;
$$;

drop trigger if exists states_touch_updated_at on states;
create trigger states_touch_updated_at before update on states
for each row execute function touch_updated_at();

drop trigger if exists physicians_touch_updated_at on physicians;
create trigger physicians_touch_updated_at before update on physicians
for each row execute function touch_updated_at();

drop trigger if exists providers_touch_updated_at on providers;
create trigger providers_touch_updated_at before update on providers
for each row execute function touch_updated_at();

drop trigger if exists cases_touch_updated_at on cases;
create trigger cases_touch_updated_at before update on cases
for each row execute function touch_updated_at();

drop trigger if exists case_reviews_touch_updated_at on case_reviews;
create trigger case_reviews_touch_updated_at before update on case_reviews
for each row execute function touch_updated_at();

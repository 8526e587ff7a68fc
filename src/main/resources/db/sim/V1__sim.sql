-- The simulator PSP's own books, in schema "sim", migrated by the simulator's own Flyway.
-- txn is the ledger: captured_minor and refunded_minor are the truth of money moved.

create table txn (
    channel_txn_id text primary key,
    payment_no     text not null unique,
    amount_minor   bigint not null check (amount_minor > 0),
    currency       char(3) not null,
    subject        text,
    status         text not null check (status in ('CREATED', 'PAID', 'FAILED', 'CLOSED')),
    captured_minor bigint not null default 0 check (captured_minor >= 0),
    refunded_minor bigint not null default 0 check (refunded_minor >= 0 and refunded_minor <= captured_minor),
    notify_url     text,
    return_url     text,
    expire_at      timestamptz,
    created_at     timestamptz not null,
    paid_at        timestamptz,
    closed_at      timestamptz
);

-- A close for a paymentNo we never saw: a create arriving later (a slow, retried request) is
-- refused, so a payment the gateway believes closed can never be paid.
create table closed_unknown (
    payment_no text primary key,
    closed_at  timestamptz not null
);

create table refund (
    refund_no         text primary key,
    channel_refund_id text not null unique,
    payment_no        text not null references txn (payment_no),
    amount_minor      bigint not null check (amount_minor > 0),
    status            text not null check (status in ('SUCCEEDED', 'FAILED')),
    created_at        timestamptz not null
);

-- Outbox of callbacks. Several rows may share an event_id (the duplicate fault); DROPPED rows
-- are never sent; GAVE_UP rows ran out of attempts.
create table callback (
    callback_id     bigint generated always as identity primary key,
    event_id        text not null,
    type            text not null,
    notify_url      text not null,
    body            text not null,
    status          text not null check (status in ('PENDING', 'DELIVERED', 'DROPPED', 'GAVE_UP')),
    attempts        int not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz
);

create index callback_due on callback (next_attempt_at) where status = 'PENDING';

-- The Stripe channel's own books. Stripe knows our paymentNo only as metadata and inside the
-- Idempotency-Key of the create; query, close and refund need Stripe's ids. A row is written
-- BEFORE the create is sent, holding exactly what is sent, so a create whose reply was lost can
-- be repeated identically with the same key (Stripe keeps keys 24 h); the id is filled in when
-- an answer arrives.
create table stripe_payment_intent (
    payment_no        text primary key,
    amount            bigint not null check (amount > 0),      -- in Stripe's unit for the currency
    currency          text not null,                           -- Stripe's lower-case code
    description       text,
    payment_intent_id text unique,
    requested_at      timestamptz not null,
    answered_at       timestamptz
);

create table stripe_refund (
    refund_no    text primary key,
    payment_no   text not null,
    amount       bigint not null check (amount > 0),           -- in Stripe's unit for the currency
    refund_id    text unique,
    requested_at timestamptz not null,
    answered_at  timestamptz
);
create index stripe_refund_by_payment on stripe_refund (payment_no);

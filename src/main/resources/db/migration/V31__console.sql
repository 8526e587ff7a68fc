-- Operator console (issue 5): its operators, the channel queries it shows on an order's
-- timeline, and the indexes behind its lists, queues and charts.

create table console_operator (
    operator_id   bigint generated always as identity primary key,
    username      text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
    password_hash text not null,
    role          text not null check (role in ('ADMIN','OPERATOR')),
    failed_logins int not null default 0 check (failed_logins >= 0),
    locked_until  timestamptz,
    last_login_at timestamptz,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

-- Every query (and close) of an attempt at its channel and what it answered: the "polls" of
-- the order timeline. Rows older than payonce.attempt-polls.retention are deleted in batches.
create table attempt_poll (
    poll_id    bigint generated always as identity primary key,
    payment_no text not null,
    channel    text not null,
    action     text not null check (action in ('query','close')),
    outcome    text not null check (outcome in ('SUCCEEDED','FAILED','PENDING','UNKNOWN')),
    detail     text,
    polled_at  timestamptz not null
);
create index attempt_poll_by_payment on attempt_poll (payment_no, polled_at);
create index attempt_poll_by_time on attempt_poll (polled_at);

-- Order list: newest first (keyset paging), by merchant, by status, by merchant order number alone.
create index payment_order_by_created on payment_order (created_at desc, order_id desc);
create index payment_order_by_merchant on payment_order (merchant_id, created_at desc, order_id desc);
create index payment_order_by_status on payment_order (status, created_at desc, order_id desc);
create index payment_order_by_merchant_order_no on payment_order (merchant_order_no);
-- Dashboard: attempts that ended in a time window.
create index payment_attempt_by_finished on payment_attempt (finished_at) where finished_at is not null;
-- Queues: duplicate refunds, failed refunds.
create index refund_duplicate_by_created on refund (created_at) where kind = 'DUPLICATE';
create index refund_failed_by_created on refund (created_at) where status = 'FAILED';
-- Dashboard: notification deliveries and failures over time (status_history rows of notifications).
create index status_history_by_time on status_history (entity, changed_at);

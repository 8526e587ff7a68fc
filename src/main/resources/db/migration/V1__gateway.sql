-- PayOnce gateway schema. Every status column has a CHECK with its allowed values; every
-- status write in code is a compare-and-set (UPDATE ... WHERE status = :from). Unique keys,
-- not locks, decide: one order per (merchant, merchantOrderNo), one live attempt per order,
-- one paying attempt per order, one merchant refund per merchantRefundNo.

create table merchant (
    merchant_id              text primary key,
    name                     text not null check (length(name) between 1 and 200),
    api_key_id               text not null unique,
    api_key_hash             bytea not null,
    webhook_secret           text not null,
    notify_url               text,
    max_attempts             int not null check (max_attempts between 1 and 20),
    duplicate_window_ms      bigint not null check (duplicate_window_ms between 0 and 3600000),
    expire_seconds           bigint not null check (expire_seconds between 1 and 2592000),
    poll_schedule            text not null,
    superseded_poll_schedule text not null,
    created_at               timestamptz not null,
    updated_at               timestamptz not null
);

create table payment_order (
    order_id          bigint generated always as identity primary key,
    merchant_id       text not null references merchant,
    merchant_order_no text not null,
    amount_minor      bigint not null check (amount_minor > 0),
    currency          char(3) not null,
    subject           text,
    return_url        text,
    notify_url        text,
    status            text not null check (status in ('UNPAID','PAYING','PAID','CLOSED','PARTIALLY_REFUNDED','REFUNDED')),
    version           bigint not null default 0,
    attempts_used     int not null default 0,
    paying_payment_no text,
    captured_minor    bigint not null default 0,
    refunded_minor    bigint not null default 0,
    expire_at         timestamptz not null,
    paid_at           timestamptz,
    closed_at         timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    unique (merchant_id, merchant_order_no),
    check (refunded_minor between 0 and captured_minor),
    check (captured_minor in (0, amount_minor))
);

create table payment_attempt (
    payment_no      text primary key,
    order_id        bigint not null references payment_order,
    channel         text not null,
    amount_minor    bigint not null check (amount_minor > 0),
    currency        char(3) not null,
    status          text not null check (status in ('PENDING','SUCCEEDED','FAILED','CLOSED')),
    superseded      boolean not null default false,
    duplicate       boolean not null default false,
    channel_txn_id  text,
    action          text,
    failure_reason  text,
    last_pull_at    timestamptz,
    channel_paid_at timestamptz,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    finished_at     timestamptz
);
create index payment_attempt_by_order on payment_attempt (order_id);
create unique index one_live_attempt_per_order on payment_attempt (order_id) where status = 'PENDING' and not superseded;
create unique index one_paying_attempt_per_order on payment_attempt (order_id) where status = 'SUCCEEDED' and not duplicate;
create index pending_attempt_by_created on payment_attempt (created_at) where status = 'PENDING';
create index open_order_by_expire on payment_order (expire_at) where status in ('UNPAID','PAYING');

create table refund (
    refund_no          text primary key,
    order_id           bigint not null references payment_order,
    merchant_id        text not null references merchant,
    payment_no         text not null references payment_attempt,
    merchant_refund_no text,
    kind               text not null check (kind in ('MERCHANT','DUPLICATE')),
    amount_minor       bigint not null check (amount_minor > 0),
    currency           char(3) not null,
    reason             text,
    status             text not null check (status in ('PENDING','SUCCEEDED','FAILED')),
    channel_refund_id  text,
    failure_reason     text,
    created_at         timestamptz not null,
    updated_at         timestamptz not null,
    finished_at        timestamptz,
    unique (merchant_id, merchant_refund_no),
    check ((kind = 'MERCHANT') = (merchant_refund_no is not null))
);
create index refund_by_order on refund (order_id);
create unique index one_duplicate_refund_per_attempt on refund (payment_no) where kind = 'DUPLICATE';
create index pending_refund_by_created on refund (created_at) where status = 'PENDING';

-- Every status change of an order, attempt, refund or notification, written in the same
-- transaction as the change: the history that proves no status ever went backwards.
create table status_history (
    history_id  bigint generated always as identity primary key,
    entity      text not null check (entity in ('order','attempt','refund','notification')),
    entity_id   text not null,
    from_status text,
    to_status   text not null,
    reason      text,
    changed_at  timestamptz not null
);
create index status_history_by_entity on status_history (entity, entity_id);

create table channel_callback (
    callback_id   bigint generated always as identity primary key,
    channel       text not null,
    event_id      text,
    payment_no    text,
    verified      boolean not null,
    reject_reason text,
    body          text not null,
    received_at   timestamptz not null,
    applied_at    timestamptz
);
create unique index channel_callback_once on channel_callback (channel, event_id) where verified;
create index channel_callback_by_payment on channel_callback (payment_no);

create table notification (
    notification_id  text primary key,
    merchant_id      text not null references merchant,
    order_id         bigint not null references payment_order,
    type             text not null check (type in ('payment.succeeded','payment.closed','refund.succeeded','refund.failed')),
    dedupe_key       text not null unique,
    payload          text not null,
    target_url       text,
    status           text not null check (status in ('PENDING','DELIVERED','DEAD')),
    attempts         int not null default 0,
    last_status_code int,
    last_error       text,
    created_at       timestamptz not null,
    next_attempt_at  timestamptz,
    delivered_at     timestamptz,
    dead_at          timestamptz
);
create index notification_by_order on notification (order_id);
create index notification_dead on notification (dead_at) where status = 'DEAD';
create index notification_pending on notification (created_at) where status = 'PENDING';

create table client_event (
    client_event_id bigint generated always as identity primary key,
    payment_no      text not null,
    kind            text not null,
    message         text,
    detail          text,
    user_agent      text,
    created_at      timestamptz not null
);
create index client_event_by_created on client_event (created_at);

-- db-scheduler's table: every timed job (polls, expiries, closes, deliveries, refund checks).
create table scheduled_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamptz not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

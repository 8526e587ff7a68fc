-- Front-end monitoring (issue 5): what the buyer pages report about their own failed requests.
-- Columns are nullable so rows written before this migration stay valid.
alter table client_event
    add column page        text,
    add column url         text,
    add column http_status int,
    add column elapsed_ms  bigint,
    add column attempt_no  int,
    add column browser     text,
    add column client_key  text;

-- A batch sent by fetch and again by sendBeacon on unload is stored once.
create unique index client_event_once on client_event (payment_no, client_key) where client_key is not null;
-- The per-payment rate limit counts recent rows of one payment.
create index client_event_by_payment on client_event (payment_no, created_at);

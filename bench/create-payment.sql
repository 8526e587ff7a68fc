-- pgbench script: the writes that one POST /v1/payments (a new order, channel sim in-process)
-- commits, in the same three transactions, as the gateway sends them (statement log of a real
-- request): what PostgreSQL alone can do is the physical limit the gateway is measured against.
-- Reads the gateway makes (merchant by API key, the simulator's closed-payment check, the
-- reply's order and attempt) are the gateway's own work and are left out.
-- Run with: pgbench -M prepared -n -f bench/create-payment.sql -D merchant_id=<an existing merchant id> ...
-- pgbench reads ":name" as a variable even inside quotes: literals here never have a colon before a letter.
-- PgbenchScriptTest checks that one run writes the same rows, table by table, as one request.

\set n random(1, 9000000000000000000)

-- 1. PayOrder.decide: the order, its expiry job, the attempt and its first poll, with history.
BEGIN;
insert into payment_order (merchant_id, merchant_order_no, amount_minor, currency, subject, return_url, notify_url,
  status, expire_at, created_at, updated_at)
  values (:merchant_id, 'pgbench-' || :n, 1999, 'USD', 'Bench tea', 'https://shop.example/done', null,
  'UNPAID', now() + interval '2 hours', now(), now())
  on conflict (merchant_id, merchant_order_no) do nothing returning order_id \gset
select order_id from payment_order where order_id = :order_id for update;
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
  values ('order-expire', :order_id, '\xaced0005737200116a6176612e6c616e672e496e746567657212e2a0a4f781873802000149000576616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b020000787000000000'::bytea,
  now() + interval '2 hours', false, 1);
insert into payment_attempt (payment_no, order_id, channel, amount_minor, currency, status, created_at, updated_at)
  values ('pgb' || :n, :order_id, 'sim', 1999, 'USD', 'PENDING', now(), now());
insert into status_history (entity, entity_id, from_status, to_status, reason, changed_at)
  values ('attempt', 'pgb' || :n, null, 'PENDING', 'created', now());
update payment_order set status = 'PAYING', attempts_used = attempts_used + 1, version = version + 1, updated_at = now()
  where order_id = :order_id and status = 'UNPAID' and version = 0;
insert into status_history (entity, entity_id, from_status, to_status, reason, changed_at)
  values ('order', :order_id, 'UNPAID', 'PAYING', 'attempt started', now());
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
  values ('attempt-check', 'pgb' || :n, '\xaced0005737200116a6176612e6c616e672e496e746567657212e2a0a4f781873802000149000576616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b020000787000000000'::bytea,
  now() + interval '1 hour', false, 1); -- the load merchant's first poll (1h): no poll runs during the measurement
COMMIT;

-- 2. The simulator PSP (in the same PostgreSQL, schema sim) creates its transaction.
BEGIN;
select pg_advisory_xact_lock(hashtext('sim' || ':' || 'pgb' || :n::text));
insert into sim.txn (channel_txn_id, payment_no, amount_minor, currency, subject, status, notify_url, return_url,
  expire_at, created_at)
  values ('simtxpgb' || :n, 'pgb' || :n, 1999, 'USD', 'Bench tea', 'CREATED', 'http://gateway.local/channels/sim/notify',
  'http://gateway.local/checkout/pgb' || :n || '/return', now() + interval '2 hours', now())
  on conflict (payment_no) do nothing;
COMMIT;

-- 3. StartAttempt: the channel's answer on the attempt.
BEGIN;
update payment_attempt set channel_txn_id = 'simtxpgb' || :n,
  action = '{"type":"redirect","fields":{"url":"http://gateway.local/sim/checkout/simtxpgb' || :n || '"}}', updated_at = now()
  where payment_no = 'pgb' || :n and status = 'PENDING';
COMMIT;

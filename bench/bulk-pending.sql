-- psql script: :count PENDING attempts of merchant :'merchant_id', each with its order, as the
-- gateway stores them: order PAYING, attempt PENDING with its channel answer, an attempt-check
-- job and an order-expire job. Ages are spread over the last 90 minutes, so that no order expires
-- (2 h) during the half hour that follows.
-- Their next checks are 1 to 3 hours ahead, at step 15 of the default schedule (…,1h,3h,8h,24h: next
-- interval 8 h), so nothing here is due until the bench makes some of it due on purpose. Status history
-- rows are left out: no query of the compensation path reads them.
--   psql -v ON_ERROR_STOP=1 -v merchant_id=m... -v count=1000000 -f bench/bulk-pending.sql
\set ON_ERROR_STOP on
begin;
with numbers as (
    select g, now() - (g % 5400) * interval '1 second' as created_at
    from generate_series(1, :count) g
), orders as (
    insert into payment_order (merchant_id, merchant_order_no, amount_minor, currency, subject, return_url, status,
                               version, attempts_used, expire_at, created_at, updated_at)
    select :'merchant_id', 'waiting-' || g, 1999, 'USD', 'Bench tea', 'https://shop.example/done', 'PAYING',
           1, 1, created_at + interval '2 hours', created_at, created_at
    from numbers
    returning order_id, merchant_order_no, expire_at, created_at
), attempts as (
    insert into payment_attempt (payment_no, order_id, channel, amount_minor, currency, status, channel_txn_id, action,
                                 created_at, updated_at)
    select 'pbulk' || substr(merchant_order_no, 9), order_id, 'sim', 1999, 'USD', 'PENDING',
           'simtxpbulk' || substr(merchant_order_no, 9),
           '{"type":"redirect","fields":{"url":"http://gateway.local/sim/checkout/simtxpbulk' || substr(merchant_order_no, 9) || '"}}',
           created_at, created_at
    from orders
    returning payment_no
), expiries as (
    insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
    select 'order-expire', order_id::text,
           decode('aced0005737200116a6176612e6c616e672e496e746567657212e2a0a4f781873802000149000576616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b0200007870', 'hex') || int4send(0),
           expire_at, false, 1
    from orders
)
insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
select 'attempt-check', payment_no,
       decode('aced0005737200116a6176612e6c616e672e496e746567657212e2a0a4f781873802000149000576616c7565787200106a6176612e6c616e672e4e756d62657286ac951d0b94e08b0200007870', 'hex') || int4send(15),
       now() + interval '1 hour' + (hashtext(payment_no) & 8191) * interval '1 second', false, 1
from attempts;
commit;
-- What autovacuum and the checkpointer would do next anyway, done now so that it does not run
-- inside the measurements: every table, not only the three above, because the physical-limit
-- part just before filled the simulator's ledger, the status history and the jobs with over a
-- hundred thousand rows each: two runs measured about a second more PostgreSQL CPU in one due window
-- than in the other, most likely autovacuum reaching those tables inside that window.
vacuum (analyze);
checkpoint;

-- The sweeper (M8) walks PENDING attempts in (created_at, payment_no) order from a cursor, a
-- bounded slice per run, so its work per run does not grow with the number of pending attempts.
-- The key needs payment_no as a tie-breaker; this index replaces the one on created_at alone
-- (the pending-attempt gauge reads it just as well).
create index pending_attempt_by_created_no on payment_attempt (created_at, payment_no) where status = 'PENDING';
drop index pending_attempt_by_created;

-- Where the sweeper's next slice starts; one row per sweep (today only 'attempts'). Kept in the
-- database so that the walk goes on from where it stopped whichever node runs the next sweep.
create table sweeper_cursor (
    sweep              text primary key,
    after_created_at   timestamptz not null,
    after_payment_no   text not null,
    updated_at         timestamptz not null
);

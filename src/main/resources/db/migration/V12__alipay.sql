-- Alipay: what was sent for each out_trade_no (= payment_no). A close answered ACQ.TRADE_NOT_EXIST
-- is only final once the time_expire sent here has passed; a notification's total_amount must equal
-- the total_amount sent here. Written by the first create; retries reuse it.
create table alipay_trade (
    payment_no   text primary key,
    product      text not null check (product in ('PAGE', 'QR')),
    amount_minor bigint not null check (amount_minor > 0),
    total_amount text not null,
    time_expire  timestamptz not null,
    created_at   timestamptz not null
);

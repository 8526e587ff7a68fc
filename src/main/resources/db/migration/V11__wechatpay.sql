-- Channel options of an attempt (POST /v1/payments "channelOptions", e.g. WeChat Pay's tradeType
-- and payer): what only its channel needs, sent with its create. Never money.
alter table payment_attempt add column channel_options jsonb;

-- WeChat Pay notifications seen, by (Wechatpay-Serial, Wechatpay-Nonce): a verified notification
-- whose nonce was already seen is a replay and refused. Rows older than the retention (at least
-- twice the freshness window, so a replay is stale before its row goes) are deleted by a job.
create table wechatpay_notification_nonce (
    serial      text not null,
    nonce       text not null,
    signed_at   timestamptz not null,
    received_at timestamptz not null,
    primary key (serial, nonce)
);
create index wechatpay_notification_nonce_by_received on wechatpay_notification_nonce (received_at);

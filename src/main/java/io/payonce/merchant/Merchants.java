package io.payonce.merchant;

import io.payonce.shared.Hmac;
import io.payonce.shared.Ids;
import io.payonce.shared.Schedules;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merchants and their API keys. A key is {@code sk_<keyId>_<secret>}; the key id finds the row,
 * and the SHA-256 of the whole key is compared in constant time. Keys are never stored or logged.
 */
@Service
@EnableConfigurationProperties(MerchantDefaults.class)
public class Merchants {
    private static final int MAX_KEY_LENGTH = 200;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MerchantDefaults defaults;

    Merchants(JdbcClient jdbc, Clock clock, MerchantDefaults defaults) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.defaults = defaults;
    }

    public MerchantPolicy defaultPolicy() {
        return defaults.policy();
    }

    @Transactional
    public MerchantCredentials create(NewMerchant request) {
        MerchantPolicy policy = request.policy() != null ? request.policy() : defaults.policy();
        String merchantId = Ids.next("m", clock.instant());
        NewApiKey key = NewApiKey.generate();
        String webhookSecret = "whsec_" + Ids.secret(24);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into merchant (merchant_id, name, api_key_id, api_key_hash, webhook_secret, notify_url,
                  max_attempts, duplicate_window_ms, expire_seconds, poll_schedule, superseded_poll_schedule, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(merchantId, request.name(), key.keyId(), key.hash(), webhookSecret, request.notifyUrl(),
                        policy.maxAttempts(), policy.duplicateWindow().toMillis(), policy.expire().toSeconds(),
                        Schedules.format(policy.pollSchedule()), Schedules.format(policy.supersededPollSchedule()), now, now)
                .update();
        return new MerchantCredentials(merchantId, key.apiKey(), webhookSecret);
    }

    /** Issues a new API key; the old one stops working at once. */
    @Transactional
    public MerchantCredentials rotateApiKey(String merchantId) {
        NewApiKey key = NewApiKey.generate();
        int updated = jdbc.sql("update merchant set api_key_id = ?, api_key_hash = ?, updated_at = ? where merchant_id = ?")
                .params(key.keyId(), key.hash(), Timestamp.from(clock.instant()), merchantId).update();
        if (updated != 1) throw new IllegalArgumentException("no merchant " + merchantId);
        String secret = jdbc.sql("select webhook_secret from merchant where merchant_id = ?").param(merchantId)
                .query(String.class).single();
        return new MerchantCredentials(merchantId, key.apiKey(), secret);
    }

    /**
     * Issues a new webhook secret; notifications are signed with it from their next attempt on,
     * so the merchant must switch to it at once. Shown once to whoever rotated it.
     */
    @Transactional
    public MerchantCredentials rotateWebhookSecret(String merchantId) {
        String webhookSecret = "whsec_" + Ids.secret(24);
        int updated = jdbc.sql("update merchant set webhook_secret = ?, updated_at = ? where merchant_id = ?")
                .params(webhookSecret, Timestamp.from(clock.instant()), merchantId).update();
        if (updated != 1) throw new IllegalArgumentException("no merchant " + merchantId);
        return new MerchantCredentials(merchantId, null, webhookSecret);
    }

    /** @param notifyUrl null: notifications go to the order's own URL only, and wait (then die) without one */
    @Transactional
    public void updateNotifyUrl(String merchantId, String notifyUrl) {
        jdbc.sql("update merchant set notify_url = ?, updated_at = ? where merchant_id = ?")
                .params(notifyUrl, Timestamp.from(clock.instant()), merchantId).update();
    }

    @Transactional
    public void updatePolicy(String merchantId, MerchantPolicy policy) {
        jdbc.sql("""
                update merchant set max_attempts = ?, duplicate_window_ms = ?, expire_seconds = ?, poll_schedule = ?,
                  superseded_poll_schedule = ?, updated_at = ? where merchant_id = ?""")
                .params(policy.maxAttempts(), policy.duplicateWindow().toMillis(), policy.expire().toSeconds(),
                        Schedules.format(policy.pollSchedule()), Schedules.format(policy.supersededPollSchedule()),
                        Timestamp.from(clock.instant()), merchantId)
                .update();
    }

    /** A key as shown once to the merchant, with what is stored of it: the key id and the SHA-256 of the whole key. */
    private record NewApiKey(String keyId, String apiKey, byte[] hash) {
        static NewApiKey generate() {
            String keyId = Ids.secret(6);
            String apiKey = "sk_" + keyId + "_" + Ids.secret(24);
            return new NewApiKey(keyId, apiKey, Hmac.sha256(apiKey));
        }
    }

    public Optional<Merchant> authenticate(String apiKey) {
        if (apiKey == null || apiKey.length() > MAX_KEY_LENGTH || !apiKey.startsWith("sk_")) {
            return Optional.empty();
        }
        String[] parts = apiKey.split("_", 3);
        if (parts.length != 3) {
            return Optional.empty();
        }
        byte[] presented = Hmac.sha256(apiKey);
        return jdbc.sql("select * from merchant where api_key_id = ?").param(parts[1])
                .query((rs, n) -> MessageDigest.isEqual(rs.getBytes("api_key_hash"), presented) ? MAPPER.mapRow(rs, n) : null)
                .optional();
    }

    public Optional<Merchant> find(String merchantId) {
        return jdbc.sql("select * from merchant where merchant_id = ?").param(merchantId).query(MAPPER).optional();
    }

    public Optional<Merchant> findByName(String name) {
        return jdbc.sql("select * from merchant where name = ? order by created_at limit 1").param(name).query(MAPPER).optional();
    }

    private static final RowMapper<Merchant> MAPPER = (rs, n) -> new Merchant(
            rs.getString("merchant_id"), rs.getString("name"), rs.getString("webhook_secret"), rs.getString("notify_url"),
            new MerchantPolicy(rs.getInt("max_attempts"), Duration.ofMillis(rs.getLong("duplicate_window_ms")),
                    Duration.ofSeconds(rs.getLong("expire_seconds")), Schedules.parse(rs.getString("poll_schedule")),
                    Schedules.parse(rs.getString("superseded_poll_schedule"))));
}

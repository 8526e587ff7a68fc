package io.payonce.channel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The channels this gateway offers, keyed by id. Each adapter is wrapped in a
 * {@link GuardedChannel}: a hard deadline on every call, a query budget, and exceptions
 * turned into UNKNOWN. A channel without credentials has no bean and is simply not offered.
 */
@Component
public class Channels {
    private final Map<String, PaymentChannel> byId;

    public Channels(List<PaymentChannel> adapters, ChannelProperties properties) {
        Map<String, PaymentChannel> map = new LinkedHashMap<>();
        for (PaymentChannel adapter : adapters) {
            if (map.put(adapter.id(), new GuardedChannel(adapter, properties.forChannel(adapter.id()))) != null) {
                throw new IllegalStateException("two adapters claim channel id " + adapter.id());
            }
        }
        this.byId = Map.copyOf(map);
    }

    public Optional<PaymentChannel> find(String channelId) {
        return Optional.ofNullable(byId.get(channelId));
    }

    /** @throws IllegalStateException for an id that was accepted earlier but is no longer configured. */
    public PaymentChannel get(String channelId) {
        return find(channelId).orElseThrow(() -> new IllegalStateException("channel not configured: " + channelId));
    }

    public Set<String> offered() {
        return byId.keySet();
    }

    /** Every channel the contract knows of, offered here or not. */
    public static final Set<String> KNOWN = Set.of("sim", "stripe", "wechatpay", "alipay");
}

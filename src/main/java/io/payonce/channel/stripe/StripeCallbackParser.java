package io.payonce.channel.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.EventDataObjectDeserializer;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import io.payonce.channel.CallbackEvent;
import io.payonce.channel.CallbackRequest;
import java.time.Clock;
import java.util.Optional;

/**
 * A Stripe webhook, verified in full. The signature ({@code Stripe-Signature: t=..,v1=..}, HMAC-SHA256
 * of "t.payload" with the endpoint secret) and the age of t are judged by the SDK's
 * {@link Webhook#constructEvent}; t from the future is refused here, since the SDK only checks the
 * past. Then: livemode must match our key, and the object must be ours (see {@link StripeEventReader}).
 * Wall time is used, as Stripe signs with wall time.
 */
final class StripeCallbackParser {
    private final StripeProperties properties;
    private final StripeKeys keys;
    private final StripeEventReader reader;
    private final Clock wallClock;

    StripeCallbackParser(StripeProperties properties, StripeKeys keys, StripeRecords records, Clock wallClock) {
        this.properties = properties;
        this.keys = keys;
        this.reader = new StripeEventReader(records);
        this.wallClock = wallClock;
    }

    CallbackEvent parse(CallbackRequest request) {
        if (keys.webhookSecret() == null) return new CallbackEvent.Rejected("no payonce.stripe.webhook-secret configured");
        String header = request.header("Stripe-Signature");
        if (header == null || header.isBlank()) return new CallbackEvent.Rejected("missing Stripe-Signature header");
        Event event;
        try {
            event = Webhook.constructEvent(request.body(), header, keys.webhookSecret(),
                    properties.callbackTolerance().toSeconds(), wallClock);
        } catch (SignatureVerificationException e) {
            return new CallbackEvent.Rejected("Stripe-Signature refused by the SDK: " + e.getMessage());
        } catch (RuntimeException e) {
            return new CallbackEvent.Rejected("signed body is not a Stripe event: " + e.getClass().getSimpleName());
        }
        String future = fromTheFuture(header);
        if (future != null) return new CallbackEvent.Rejected(future);
        Boolean livemode = keys.livemode();
        if (livemode != null && !livemode.equals(event.getLivemode())) {
            return new CallbackEvent.Rejected("event livemode " + event.getLivemode() + " does not match our " + (livemode ? "live" : "test") + " key");
        }
        if (event.getId() == null || event.getType() == null) return new CallbackEvent.Rejected("event without id or type");
        StripeObject object = dataObject(event.getDataObjectDeserializer());
        if (object == null) return new CallbackEvent.Rejected("event " + event.getId() + " has no readable data object");
        return reader.read(event, object);
    }

    /** Every t in the header (the SDK reads the first) must be at most futureTolerance ahead of now. */
    private String fromTheFuture(String header) {
        long latestAllowed = wallClock.instant().plus(properties.futureTolerance()).getEpochSecond();
        for (String item : header.split(",")) {
            String[] pair = item.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                if (!pair[1].matches("\\d{1,12}")) return "malformed timestamp in Stripe-Signature";
                if (Long.parseLong(pair[1]) > latestAllowed) return "signature timestamp is in the future";
            }
        }
        return null;
    }

    /** The typed object; an event of another API version is read leniently (we use few, stable fields). */
    private static StripeObject dataObject(EventDataObjectDeserializer deserializer) {
        try {
            Optional<StripeObject> typed = deserializer.getObject();
            return typed.isPresent() ? typed.get() : deserializer.deserializeUnsafe();
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            return null;
        }
    }
}

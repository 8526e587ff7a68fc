package io.payonce.merchant;

/** Shown once, at creation or re-keying; only a hash of the API key is stored. {@code apiKey} is null when only the webhook secret was rotated. */
public record MerchantCredentials(String merchantId, String apiKey, String webhookSecret) {
    @Override
    public String toString() {
        return "MerchantCredentials[" + merchantId + ", secrets hidden]";
    }
}

package io.payonce.merchant;

/** Shown once, at creation or re-keying; only a hash of the API key is stored. */
public record MerchantCredentials(String merchantId, String apiKey, String webhookSecret) {
    @Override
    public String toString() {
        return "MerchantCredentials[" + merchantId + ", secrets hidden]";
    }
}

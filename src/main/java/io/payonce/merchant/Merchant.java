package io.payonce.merchant;

/** A merchant as the rest of the gateway sees it. The API key never leaves the merchant module. */
public record Merchant(String merchantId, String name, String webhookSecret, String notifyUrl, MerchantPolicy policy) {
    @Override
    public String toString() {
        return "Merchant[" + merchantId + ", " + name + "]";
    }
}

package io.payonce.merchant;

/** @param policy null for the configured defaults */
public record NewMerchant(String name, String notifyUrl, MerchantPolicy policy) {}

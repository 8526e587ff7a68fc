package io.payonce.console;

import io.payonce.merchant.Merchant;
import io.payonce.merchant.MerchantPolicy;
import io.payonce.merchant.MerchantRules;
import io.payonce.shared.HttpUrls;
import io.payonce.shared.Schedules;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A merchant's name, notify URL and policy as typed into the console's form, checked against
 * the same rules as the admin API ({@link MerchantRules}, {@link Schedules}, {@link HttpUrls}).
 * Every bad field gets its own error, keyed by the form field's name; nothing is saved then.
 */
record PolicyForm(String name, String notifyUrl, String maxAttempts, String duplicateWindowSeconds, String expireSeconds,
                  String pollSchedule, String supersededPollSchedule) {

    static PolicyForm of(Merchant merchant) {
        MerchantPolicy p = merchant.policy();
        return new PolicyForm(merchant.name(), merchant.notifyUrl(), String.valueOf(p.maxAttempts()),
                String.valueOf(p.duplicateWindow().toSeconds()), String.valueOf(p.expire().toSeconds()),
                Schedules.format(p.pollSchedule()), Schedules.format(p.supersededPollSchedule()));
    }

    static PolicyForm defaults(MerchantPolicy p) {
        return new PolicyForm("", "", String.valueOf(p.maxAttempts()), String.valueOf(p.duplicateWindow().toSeconds()),
                String.valueOf(p.expire().toSeconds()), Schedules.format(p.pollSchedule()),
                Schedules.format(p.supersededPollSchedule()));
    }

    /** Field name → reason, empty when the form is good. {@code withName}: the name is part of the form. */
    Map<String, String> errors(boolean withName) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (withName) {
            if (blank(name)) errors.put("name", "is required");
            else if (name.length() > MerchantRules.NAME_MAX_LENGTH)
                errors.put("name", "must be at most " + MerchantRules.NAME_MAX_LENGTH + " characters");
        }
        if (!blank(notifyUrl)) HttpUrls.problem(notifyUrl.trim()).ifPresent(reason -> errors.put("notifyUrl", reason));
        number(errors, "maxAttempts", maxAttempts, MerchantRules.MAX_ATTEMPTS);
        number(errors, "duplicateWindowSeconds", duplicateWindowSeconds, MerchantRules.DUPLICATE_WINDOW_SECONDS);
        number(errors, "expireSeconds", expireSeconds, MerchantRules.EXPIRE_SECONDS);
        schedule(errors, "pollSchedule", pollSchedule);
        schedule(errors, "supersededPollSchedule", supersededPollSchedule);
        return errors;
    }

    /** Only for a form without {@link #errors}. */
    MerchantPolicy policy() {
        return new MerchantPolicy(Integer.parseInt(maxAttempts.trim()), Duration.ofSeconds(Long.parseLong(duplicateWindowSeconds.trim())),
                Duration.ofSeconds(Long.parseLong(expireSeconds.trim())), Schedules.parse(pollSchedule.trim()),
                Schedules.parse(supersededPollSchedule.trim()));
    }

    String notifyUrlOrNull() {
        return blank(notifyUrl) ? null : notifyUrl.trim();
    }

    private static void number(Map<String, String> errors, String field, String value, MerchantRules.Range range) {
        if (blank(value) || !value.trim().matches("-?\\d{1,12}") || !range.contains(Long.parseLong(value.trim()))) {
            errors.put(field, range.reason());
        }
    }

    private static void schedule(Map<String, String> errors, String field, String value) {
        if (blank(value)) {
            errors.put(field, "is required, like 5s,10s,1m");
            return;
        }
        if (value.length() > MerchantRules.SCHEDULE_MAX_LENGTH) {
            errors.put(field, "must be at most " + MerchantRules.SCHEDULE_MAX_LENGTH + " characters");
            return;
        }
        try {
            List<Duration> steps = Schedules.parse(value.trim());
            if (steps.isEmpty()) errors.put(field, "must have at least one step");
        } catch (IllegalArgumentException e) {
            errors.put(field, e.getMessage());
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}

package io.payonce.api;

import io.payonce.merchant.MerchantCredentials;
import io.payonce.merchant.MerchantPolicy;
import io.payonce.merchant.MerchantRules;
import io.payonce.merchant.Merchants;
import io.payonce.merchant.NewMerchant;
import io.payonce.shared.ApiException;
import io.payonce.shared.Schedules;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** POST /v1/admin/merchants: {name, notifyUrl, and optional policy fields} → credentials, shown once. */
@RestController
class AdminMerchantsController {
    private final Merchants merchants;

    AdminMerchantsController(Merchants merchants) {
        this.merchants = merchants;
    }

    @PostMapping("/v1/admin/merchants")
    @ResponseStatus(HttpStatus.CREATED)
    MerchantCredentials create(@RequestBody(required = false) JsonNode body) {
        Fields fields = Fields.of(body);
        String name = fields.requiredString("name", MerchantRules.NAME_MAX_LENGTH);
        String notifyUrl = fields.optionalUrl("notifyUrl");
        return merchants.create(new NewMerchant(name, notifyUrl, policy(fields, merchants.defaultPolicy())));
    }

    private static MerchantPolicy policy(Fields fields, MerchantPolicy defaults) {
        Long maxAttempts = fields.optionalWholeNumber("maxAttempts", MerchantRules.MAX_ATTEMPTS);
        Long windowSeconds = fields.optionalWholeNumber("duplicateWindowSeconds", MerchantRules.DUPLICATE_WINDOW_SECONDS);
        Long expireSeconds = fields.optionalWholeNumber("expireSeconds", MerchantRules.EXPIRE_SECONDS);
        String poll = fields.optionalString("pollSchedule", MerchantRules.SCHEDULE_MAX_LENGTH);
        String fast = fields.optionalString("supersededPollSchedule", MerchantRules.SCHEDULE_MAX_LENGTH);
        try {
            return new MerchantPolicy(
                    maxAttempts == null ? defaults.maxAttempts() : maxAttempts.intValue(),
                    windowSeconds == null ? defaults.duplicateWindow() : Duration.ofSeconds(windowSeconds),
                    expireSeconds == null ? defaults.expire() : Duration.ofSeconds(expireSeconds),
                    poll == null ? defaults.pollSchedule() : Schedules.parse(poll),
                    fast == null ? defaults.supersededPollSchedule() : Schedules.parse(fast));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("policy", e.getMessage());
        }
    }
}

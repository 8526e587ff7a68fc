package io.payonce.api;

import io.payonce.shared.Hmac;
import io.payonce.shared.Ids;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** payonce.admin-token (env PAYONCE_ADMIN_TOKEN); when empty, a random one for this run, printed at start. */
@Component
class AdminToken {
    private final String token;
    private final boolean generated;

    AdminToken(@Value("${payonce.admin-token:}") String configured) {
        this.generated = configured == null || configured.isBlank();
        this.token = generated ? "adm_" + Ids.secret(24) : configured;
    }

    boolean matches(String presented) {
        return Hmac.constantTimeEquals(token, presented);
    }

    boolean generated() {
        return generated;
    }

    String valueForStartupBanner() {
        return token;
    }
}

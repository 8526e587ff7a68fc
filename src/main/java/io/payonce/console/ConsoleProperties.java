package io.payonce.console;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * payonce.console.*: the first admin and the sign-in limits of the operator console.
 *
 * @param adminUsername        the first admin, created at start when missing
 * @param adminPassword        its password (env PAYONCE_CONSOLE_ADMIN_PASSWORD); empty = a random one each start, printed
 * @param maxFailedLogins      consecutive wrong passwords before an operator is locked out
 * @param lockout              how long a locked-out operator waits
 * @param addressFailureLimit  failed sign-ins from one address within {@code addressWindow} before that address waits
 * @param addressWindow        the window of the per-address limit
 */
@ConfigurationProperties("payonce.console")
record ConsoleProperties(String adminUsername, String adminPassword, Integer maxFailedLogins, Duration lockout,
                         Integer addressFailureLimit, Duration addressWindow) {
    ConsoleProperties {
        adminUsername = adminUsername == null || adminUsername.isBlank() ? "admin" : adminUsername;
        maxFailedLogins = maxFailedLogins == null ? 5 : maxFailedLogins;
        lockout = lockout == null ? Duration.ofMinutes(15) : lockout;
        addressFailureLimit = addressFailureLimit == null ? 20 : addressFailureLimit;
        addressWindow = addressWindow == null ? Duration.ofMinutes(5) : addressWindow;
    }

    boolean adminPasswordConfigured() {
        return adminPassword != null && !adminPassword.isBlank();
    }

    @Override
    public String toString() {
        return "ConsoleProperties[" + adminUsername + ", password hidden]";
    }
}

package io.payonce.console;

import io.payonce.shared.Ids;
import io.payonce.shared.PublicUrls;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first console admin, made at start: with payonce.console.admin-password (env
 * PAYONCE_CONSOLE_ADMIN_PASSWORD) when it is set, which is then the admin's password at every
 * start; otherwise with a random password for this run, printed on standard output like the
 * admin token (never logged). Other operators are made by an admin in the console and kept.
 */
@Component
class FirstAdmin {
    private final Operators operators;
    private final ConsoleProperties properties;
    private final PublicUrls urls;

    FirstAdmin(Operators operators, ConsoleProperties properties, PublicUrls urls) {
        this.operators = operators;
        this.properties = properties;
        this.urls = urls;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensure() {
        if (properties.adminPasswordConfigured()) {
            operators.upsert(properties.adminUsername(), properties.adminPassword(), Role.ADMIN);
            return;
        }
        String password = Ids.secret(18);
        operators.upsert(properties.adminUsername(), password, Role.ADMIN);
        System.out.print("console " + urls.of("/console") + " user " + properties.adminUsername()
                + ", password (this run only): " + password + "\n");
        System.out.flush();
    }
}

package io.payonce.console;

/** ADMIN: everything, including merchants' keys and policy and other operators. OPERATOR: look, and re-send notifications. */
enum Role {
    ADMIN, OPERATOR;

    String authority() {
        return "ROLE_" + name();
    }
}

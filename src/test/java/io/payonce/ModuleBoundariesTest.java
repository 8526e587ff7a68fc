package io.payonce;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each top-level package is a module; only its root types are its API, and modules form no cycles. */
class ModuleBoundariesTest {
    @Test
    void modules_use_each_other_only_through_their_api_and_without_cycles() {
        ApplicationModules.of(PayOnceApplication.class).verify();
    }
}

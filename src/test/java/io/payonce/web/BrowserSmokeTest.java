package io.payonce.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.payonce.support.Browser;
import io.payonce.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@GatewayTest
class BrowserSmokeTest {
    @LocalServerPort int port;

    @Test
    void chromium_opens_the_gateways_health_page() {
        try (Browser browser = new Browser(); BrowserContext context = browser.desktop()) {
            Page page = context.newPage();
            page.navigate("http://localhost:" + port + "/actuator/health");
            assertThat(page.content()).contains("UP");
        }
    }
}

package io.payonce.api;

import io.payonce.merchant.MerchantCredentials;
import io.payonce.merchant.Merchants;
import io.payonce.merchant.NewMerchant;
import io.payonce.shared.PublicUrls;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Development convenience: prints a generated admin token and a ready demo merchant's key on
 * the console (standard output, not the log), so the README's curl examples work at once.
 * Production sets PAYONCE_ADMIN_TOKEN and payonce.demo-merchant=false, and nothing is printed.
 */
@Component
class StartupBanner {
    static final String DEMO_MERCHANT = "Demo Shop";

    private final AdminToken adminToken;
    private final Merchants merchants;
    private final PublicUrls urls;
    private final boolean demoMerchant;

    StartupBanner(AdminToken adminToken, Merchants merchants, PublicUrls urls,
                  @Value("${payonce.demo-merchant:false}") boolean demoMerchant) {
        this.adminToken = adminToken;
        this.merchants = merchants;
        this.urls = urls;
        this.demoMerchant = demoMerchant;
    }

    @EventListener(ApplicationReadyEvent.class)
    void print() {
        StringBuilder banner = new StringBuilder("\n=== PayOnce is ready at ").append(urls.baseUrl()).append(" ===\n");
        if (adminToken.generated()) {
            banner.append("admin token (this run only): ").append(adminToken.valueForStartupBanner()).append('\n');
        }
        if (demoMerchant) {
            MerchantCredentials demo = merchants.findByName(DEMO_MERCHANT)
                    .map(m -> merchants.rotateApiKey(m.merchantId()))
                    .orElseGet(() -> merchants.create(new NewMerchant(DEMO_MERCHANT, null, null)));
            banner.append("demo merchant ").append(demo.merchantId()).append(" API key (new each start): ")
                    .append(demo.apiKey()).append('\n')
                    .append("demo merchant webhook secret: ").append(demo.webhookSecret()).append('\n');
        }
        System.out.print(banner);
        System.out.flush();
    }
}

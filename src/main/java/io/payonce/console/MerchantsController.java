package io.payonce.console;

import io.payonce.merchant.Merchant;
import io.payonce.merchant.MerchantCredentials;
import io.payonce.merchant.Merchants;
import io.payonce.merchant.NewMerchant;
import io.payonce.shared.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Merchants: list and look (every operator); create, rotate the API key or webhook secret, and
 * edit the policy (admins only, enforced by {@link ConsoleSecurity}). A new key or secret travels
 * to the next page as a flash attribute: shown once, then gone from the session, and a reload
 * shows it no more. Only its hash is stored, so nobody can see it again.
 */
@Controller
class MerchantsController {
    record MerchantRow(String merchantId, String name, String notifyUrl, int maxAttempts, long duplicateWindowSeconds,
                       long expireSeconds, String createdAt) {}

    private final Merchants merchants;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    MerchantsController(Merchants merchants, JdbcClient jdbc, TransactionTemplate transaction) {
        this.merchants = merchants;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @GetMapping("/console/merchants")
    String list(Model model) {
        model.addAttribute("merchants", jdbc.sql("""
                select merchant_id, name, notify_url, max_attempts, duplicate_window_ms, expire_seconds, created_at
                from merchant order by created_at desc limit 500""")
                .query((rs, n) -> new MerchantRow(rs.getString("merchant_id"), rs.getString("name"), rs.getString("notify_url"),
                        rs.getInt("max_attempts"), rs.getLong("duplicate_window_ms") / 1000, rs.getLong("expire_seconds"),
                        Times.text(rs, "created_at")))
                .list());
        return "console/merchants";
    }

    @GetMapping("/console/merchants/new")
    String newForm(Model model) {
        return form(model, PolicyForm.defaults(merchants.defaultPolicy()), Map.of(), null);
    }

    @PostMapping("/console/merchants")
    String create(@ModelAttribute PolicyForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> errors = form.errors(true);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return form(model, form, errors, null);
        }
        MerchantCredentials created = merchants.create(new NewMerchant(form.name().trim(), form.notifyUrlOrNull(), form.policy()));
        redirect.addFlashAttribute("credentials", created);
        redirect.addFlashAttribute("notice", "Merchant created. Copy its API key and webhook secret now: they are not shown again.");
        return "redirect:/console/merchants/" + created.merchantId();
    }

    @GetMapping("/console/merchants/{merchantId}")
    String show(@PathVariable String merchantId, Model model) {
        Merchant merchant = merchant(merchantId);
        model.addAttribute("merchant", merchant);
        model.addAttribute("policy", PolicyForm.of(merchant));
        return "console/merchant";
    }

    @GetMapping("/console/merchants/{merchantId}/edit")
    String editForm(@PathVariable String merchantId, Model model) {
        return form(model, PolicyForm.of(merchant(merchantId)), Map.of(), merchant(merchantId));
    }

    @PostMapping("/console/merchants/{merchantId}/edit")
    String edit(@PathVariable String merchantId, @ModelAttribute PolicyForm form, Model model, HttpServletResponse response,
                RedirectAttributes redirect) {
        Merchant merchant = merchant(merchantId);
        Map<String, String> errors = form.errors(false);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return form(model, form, errors, merchant);
        }
        transaction.executeWithoutResult(tx -> {
            merchants.updatePolicy(merchantId, form.policy());
            merchants.updateNotifyUrl(merchantId, form.notifyUrlOrNull());
        });
        redirect.addFlashAttribute("notice", "Policy saved. New orders and attempts follow it from now on.");
        return "redirect:/console/merchants/" + merchantId;
    }

    @PostMapping("/console/merchants/{merchantId}/rotate-api-key")
    String rotateApiKey(@PathVariable String merchantId, RedirectAttributes redirect) {
        merchant(merchantId);
        redirect.addFlashAttribute("credentials", merchants.rotateApiKey(merchantId));
        redirect.addFlashAttribute("notice", "New API key issued; the old one stopped working. Copy it now: it is not shown again.");
        return "redirect:/console/merchants/" + merchantId;
    }

    @PostMapping("/console/merchants/{merchantId}/rotate-webhook-secret")
    String rotateWebhookSecret(@PathVariable String merchantId, RedirectAttributes redirect) {
        merchant(merchantId);
        MerchantCredentials rotated = merchants.rotateWebhookSecret(merchantId);
        redirect.addFlashAttribute("credentials", rotated);
        redirect.addFlashAttribute("notice", "New webhook secret: notifications are signed with it from now on. Copy it now.");
        return "redirect:/console/merchants/" + merchantId;
    }

    private String form(Model model, PolicyForm form, Map<String, String> errors, Merchant merchant) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("merchant", merchant);
        return "console/merchant-form";
    }

    private Merchant merchant(String merchantId) {
        return merchants.find(merchantId).orElseThrow(() -> ApiException.notFound("merchant " + merchantId));
    }
}

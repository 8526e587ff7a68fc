package io.payonce.api;

import io.payonce.merchant.Merchant;
import io.payonce.merchant.Merchants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Bearer auth: the admin token for /v1/admin/**, a merchant API key for the rest of /v1/**. */
@Configuration(proxyBeanMethods = false)
class Authentication implements WebMvcConfigurer {
    static final String MERCHANT = "payonce.merchant";

    private final Merchants merchants;
    private final AdminToken adminToken;

    Authentication(Merchants merchants, AdminToken adminToken) {
        this.merchants = merchants;
        this.adminToken = adminToken;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
                return authenticate(request, response);
            }
        }).addPathPatterns("/v1/**");
    }

    private boolean authenticate(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException {
        String header = request.getHeader("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
        if (request.getRequestURI().startsWith("/v1/admin/")) {
            if (adminToken.matches(token)) return true;
            return deny(response, "Authorization: Bearer <admin token> is missing or wrong");
        }
        Merchant merchant = token == null ? null : merchants.authenticate(token).orElse(null);
        if (merchant == null) {
            return deny(response, "Authorization: Bearer <API key> is missing or wrong");
        }
        request.setAttribute(MERCHANT, merchant);
        return true;
    }

    private static boolean deny(HttpServletResponse response, String message) throws java.io.IOException {
        response.setStatus(401);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"error\":{\"code\":\"unauthorized\",\"message\":\"" + message + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
        return false;
    }
}

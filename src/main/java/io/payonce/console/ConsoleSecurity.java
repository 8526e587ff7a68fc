package io.payonce.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Two filter chains. The first is the console's and matches only /console/**: form sign-in,
 * a session (its id changed at sign-in), CSRF tokens on every POST, sign-out, roles, and the
 * sign-in limits. The second matches everything else and does nothing: the merchant API (its
 * own key auth), the admin API (its token), buyer pages, channel callbacks and the actuator
 * behave exactly as without Spring Security (no CSRF, no session, no added headers).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsoleSecurity {
    static final String LOGIN = "/console/login";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // BCrypt, with the algorithm named in each hash
    }

    @Bean
    @Order(1)
    SecurityFilterChain consoleChain(HttpSecurity http, Operators operators, LoginThrottle throttle) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                                org.springframework.security.core.Authentication authentication)
                    throws IOException, ServletException {
                operators.recordSuccess(authentication.getName());
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        success.setDefaultTargetUrl("/console");
        SimpleUrlAuthenticationFailureHandler failure = new SimpleUrlAuthenticationFailureHandler(LOGIN + "?error") {
            @Override
            public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                                org.springframework.security.core.AuthenticationException exception)
                    throws IOException, ServletException {
                boolean locked = exception instanceof LockedException;
                String username = request.getParameter("username");
                if (!locked && username != null && username.length() <= 64) operators.recordFailure(username);
                throttle.failed(request.getRemoteAddr(), locked ? "locked" : "bad_credentials");
                super.onAuthenticationFailure(request, response, exception);
            }
        };
        AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
        denied.setErrorPage("/console/denied");
        http.securityMatcher("/console", "/console/**")
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(LOGIN, "/console/assets/**", "/console/denied").permitAll()
                        .requestMatchers("/console/operators", "/console/operators/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/console/merchants/new", "/console/merchants/*/edit").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/console/merchants", "/console/merchants/**").hasRole(Role.ADMIN.name())
                        .anyRequest().hasAnyRole(Role.ADMIN.name(), Role.OPERATOR.name()))
                .formLogin(form -> form.loginPage(LOGIN).loginProcessingUrl(LOGIN)
                        .successHandler(success).failureHandler(failure))
                .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl(LOGIN + "?signedOut")
                        .invalidateHttpSession(true).clearAuthentication(true))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(denied))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .addFilterBefore(throttleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    // No chain for the other paths: a request that matches no chain passes Spring Security's
    // firewall and nothing else. A permit-all chain for them cost every payment a dozen filters
    // (≈ 3 % of the gateway's CPU per POST /v1/payments in a profile).

    /** Refuses a sign-in from an address over its failure limit before any password is checked. */
    private static OncePerRequestFilter throttleFilter(LoginThrottle throttle) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if ("POST".equals(request.getMethod()) && LOGIN.equals(request.getRequestURI())
                        && throttle.refuses(request.getRemoteAddr())) {
                    throttle.failed(request.getRemoteAddr(), "throttled");
                    response.sendRedirect(LOGIN + "?throttled");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}

package io.payonce.web;

import io.payonce.shared.Hmac;
import io.payonce.shared.Ids;
import io.payonce.shared.PublicUrls;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * CSRF defence for the buyer's POSTs, without server state (so any node can check it): a random
 * token in a SameSite=Strict, HttpOnly cookie, repeated in a hidden form field (double submit).
 * Another site can neither read the cookie nor make the browser send it with a cross-site POST.
 * Origin and Sec-Fetch-Site, when the browser sends them, must say the form came from this gateway.
 */
@Component
class FormToken {
    static final String COOKIE = "payonce_form";
    static final String FIELD = "formToken";
    private static final String FORMAT = "[0-9a-f]{32}";

    private final PublicUrls urls;

    FormToken(PublicUrls urls) {
        this.urls = urls;
    }

    /** The token for a page: the buyer's cookie if it has a valid one (other tabs keep working), else a new one. */
    String issue(HttpServletRequest request, HttpServletResponse response) {
        String token = cookie(request).filter(value -> value.matches(FORMAT)).orElseGet(() -> Ids.secret(16));
        ResponseCookie cookie = ResponseCookie.from(COOKIE, token).path("/checkout").httpOnly(true)
                .secure(request.isSecure()).sameSite("Strict").build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
        return token;
    }

    /** Why this POST is refused, or empty when it came from our own page. */
    Optional<String> refusal(HttpServletRequest request, String presented) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin")) {
            return Optional.of("the form was sent from another site (" + site + ")");
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !origin.equals(ownOrigin(request)) && !origin.equals(origin(urls.baseUrl()))) {
            return Optional.of("the form was sent from another origin (" + origin + ")");
        }
        Optional<String> cookie = cookie(request);
        if (presented == null || presented.isBlank() || cookie.isEmpty()) {
            return Optional.of(FIELD + ": missing; reload the page and try again");
        }
        if (!Hmac.constantTimeEquals(cookie.get(), presented)) {
            return Optional.of(FIELD + ": does not match this browser's; reload the page and try again");
        }
        return Optional.empty();
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        if (request.getCookies() == null) return Optional.empty();
        for (Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals(COOKIE)) return Optional.of(cookie.getValue());
        }
        return Optional.empty();
    }

    private static String ownOrigin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = (request.getScheme().equals("http") && port == 80) || (request.getScheme().equals("https") && port == 443);
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }
}

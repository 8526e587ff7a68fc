package io.payonce.console;

/** "Chrome (Android)", "Safari (iOS)": a user agent folded to what an operator groups errors by. */
final class BrowserFamily {
    private BrowserFamily() {}

    static String of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) return "unknown";
        return browser(userAgent) + " (" + system(userAgent) + ")";
    }

    private static String browser(String ua) {
        if (ua.contains("Edg/") || ua.contains("EdgA/") || ua.contains("EdgiOS/")) return "Edge";
        if (ua.contains("OPR/") || ua.contains("Opera")) return "Opera";
        if (ua.contains("SamsungBrowser/")) return "Samsung Internet";
        if (ua.contains("MicroMessenger/")) return "WeChat";
        if (ua.contains("AlipayClient")) return "Alipay";
        if (ua.contains("HeadlessChrome/")) return "Chrome headless";
        if (ua.contains("Chrome/") || ua.contains("CriOS/")) return "Chrome";
        if (ua.contains("Firefox/") || ua.contains("FxiOS/")) return "Firefox";
        if (ua.contains("Safari/")) return "Safari";
        if (ua.startsWith("Java-http-client") || ua.startsWith("curl/")) return "script";
        return "other";
    }

    private static String system(String ua) {
        if (ua.contains("Android")) return "Android";
        if (ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod")) return "iOS";
        if (ua.contains("Windows")) return "Windows";
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) return "macOS";
        if (ua.contains("Linux") || ua.contains("X11")) return "Linux";
        return "other";
    }
}

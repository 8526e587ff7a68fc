package io.payonce.web;

/**
 * One failure a buyer's page reports about itself (front-end monitoring, M9).
 *
 * @param clientKey  the page's own id for the event, so a batch sent twice (fetch, then sendBeacon) is stored once
 * @param page       which page: cashier | return
 * @param url        the request that failed
 * @param httpStatus its HTTP status; 0 when no response came (network error, timeout)
 * @param elapsedMs  how long the request took until it failed
 * @param attempt    the page's poll number (1, 2, …), continued across reloads
 * @param message    the browser's own error message ("Failed to fetch", "HTTP 500", …)
 * @param detail     the event as sent, for what has no column (online flag, client clock)
 */
record ClientEvent(String clientKey, String page, String kind, String url, Integer httpStatus, Long elapsedMs,
                   Integer attempt, String message, String userAgent, String detail) {}

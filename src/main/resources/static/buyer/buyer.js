/*
 * PayOnce buyer pages, no build step. Two small tools:
 *  - PayOnce.reporter: front-end monitoring. Every failed request is queued with its URL, status,
 *    elapsed time, poll number and the browser's own message, sent in batches to /client-events,
 *    kept in sessionStorage until the server took it (so a reload or a flaky network loses nothing),
 *    and beaconed on unload. Each event has an id, so one sent twice (fetch, then beacon) is stored once.
 *  - PayOnce.poller: asks /status with back-off until a final answer or a total deadline. Its
 *    schedule (poll number, deadline) is kept in sessionStorage, so a reload continues it instead of
 *    starting a fresh burst of requests.
 */
(function () {
  'use strict';

  function stored(key) {
    return {
      get: function () {
        try { return JSON.parse(sessionStorage.getItem(key)); } catch (e) { return null; }
      },
      set: function (value) {
        try { sessionStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage off: memory only */ }
      }
    };
  }

  function newId() {
    return Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
  }

  /** The browser's own words for a failure: "TypeError: Failed to fetch", "HTTP 500", "TimeoutError: …". */
  function describe(error) {
    if (!error) return String(error);
    var name = error.name && error.name !== 'Error' ? error.name + ': ' : '';
    return name + (error.message || String(error));
  }

  function reporter(paymentNo, page) {
    var url = '/checkout/' + encodeURIComponent(paymentNo) + '/client-events';
    var saved = stored('payonce.events.' + paymentNo);
    var MAX_QUEUE = 50, BATCH = 20, FIRST_RETRY_MS = 2000, MAX_RETRY_MS = 30000;
    var queue = saved.get() || [];
    var timer = null, sending = false, retryMs = FIRST_RETRY_MS;

    function report(event) {
      event.id = event.id || newId();
      event.page = page;
      event.online = navigator.onLine;
      event.clientAt = new Date().toISOString();
      queue.push(event);
      if (queue.length > MAX_QUEUE) queue = queue.slice(queue.length - MAX_QUEUE);
      saved.set(queue);
      schedule(1000); // batch what fails close together
    }

    function schedule(delayMs) {
      if (timer === null) timer = setTimeout(function () { timer = null; flush(); }, delayMs);
    }

    function forget(batch) {
      var sent = {};
      batch.forEach(function (e) { sent[e.id] = true; });
      queue = queue.filter(function (e) { return !sent[e.id]; });
      saved.set(queue);
    }

    function flush() {
      if (sending || queue.length === 0) return;
      sending = true;
      var batch = queue.slice(0, BATCH);
      fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'}, keepalive: true,
                  body: JSON.stringify({events: batch})})
        .then(function (response) {
          // 2xx: stored. 4xx: refused for good (over the limit, malformed); sending it again cannot help.
          if (response.status >= 500) throw new Error('HTTP ' + response.status);
          forget(batch);
          retryMs = FIRST_RETRY_MS;
          sending = false;
          if (queue.length) schedule(0);
        })
        .catch(function () {
          sending = false;
          retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
          schedule(retryMs);
        });
    }

    // On unload: hand what is left to the browser. It stays queued; a later page sends it again
    // if it never arrived, and the server ignores ids it already has.
    function beacon() {
      if (queue.length === 0 || !navigator.sendBeacon) return;
      navigator.sendBeacon(url, new Blob([JSON.stringify({events: queue.slice(0, BATCH)})], {type: 'application/json'}));
    }

    addEventListener('pagehide', beacon);
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') beacon(); });
    addEventListener('error', function (e) {
      report({kind: 'script_error', message: String(e.message), url: String(e.filename || location.pathname)});
    });
    addEventListener('unhandledrejection', function (e) {
      report({kind: 'script_error', message: String(e.reason && e.reason.message || e.reason), url: location.pathname});
    });
    if (queue.length) schedule(500);
    return {report: report, pending: function () { return queue.length; }};
  }

  /*
   * options: paymentNo, reporter, deadlineMs, requestTimeoutMs, delaysMs (optional),
   *          onStatus(status) — every answer; onGiveUp() — the deadline passed without a final answer.
   */
  function poller(options) {
    var url = '/checkout/' + encodeURIComponent(options.paymentNo) + '/status';
    var delaysMs = options.delaysMs || [1000, 1000, 2000, 2000, 3000, 3000, 5000, 5000, 8000, 10000, 15000];
    var saved = stored('payonce.poll.' + options.paymentNo);
    var schedule = saved.get() || {attempt: 0, deadlineAt: Date.now() + options.deadlineMs};
    var timer = null, done = false;

    function ask() {
      schedule.attempt += 1;
      saved.set(schedule);
      var attempt = schedule.attempt, started = performance.now(), httpStatus = 0;
      var controller = new AbortController();
      var timeout = setTimeout(function () {
        controller.abort(new DOMException('timed out after ' + options.requestTimeoutMs + ' ms', 'TimeoutError'));
      }, options.requestTimeoutMs);
      return fetch(url, {cache: 'no-store', headers: {Accept: 'application/json'}, signal: controller.signal})
        .then(function (response) {
          httpStatus = response.status;
          if (!response.ok) throw new Error('HTTP ' + response.status + (response.statusText ? ' ' + response.statusText : ''));
          return response.json();
        })
        .catch(function (error) {
          options.reporter.report({kind: 'status_request_failed', url: url, status: httpStatus, attempt: attempt,
            elapsedMs: Math.round(performance.now() - started),
            message: describe(error)});
          return null;
        })
        .finally(function () { clearTimeout(timeout); });
    }

    function tick() {
      timer = null;
      ask().then(function (status) {
        if (status) {
          options.onStatus(status);
          if (status.result !== 'checking') { done = true; return; }
        }
        if (Date.now() >= schedule.deadlineAt) { options.onGiveUp(); return; }
        timer = setTimeout(tick, delaysMs[Math.min(schedule.attempt - 1, delaysMs.length - 1)]);
      });
    }

    return {
      start: function () { if (!done && timer === null) timer = setTimeout(tick, 0); },
      /** The buyer asks again after the deadline: one more minute of polling, starting now. */
      checkAgain: function () {
        schedule.deadlineAt = Date.now() + Math.min(60000, options.deadlineMs);
        saved.set(schedule);
        if (timer !== null) clearTimeout(timer);
        timer = null;
        done = false;
        this.start();
      },
      attempt: function () { return schedule.attempt; }
    };
  }

  window.PayOnce = {reporter: reporter, poller: poller};
})();

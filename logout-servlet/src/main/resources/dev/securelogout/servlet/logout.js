/*
 * secure-logout browser companion: dependency-free, reusable by any app. Shipped in the
 * logout-servlet jar as a class-path resource, with the library's version.
 *
 * Include it on signed-in pages (no inline script needed, so a strict CSP works):
 *   <script src="/assets/logout.js" defer
 *           data-storage-prefix="myapp:"   localStorage keys to remove; empty removes every key
 *           data-events="/events"          Server-Sent Events stream that sends "event: logout"; empty for none
 *           data-login="/login"            where to go after logout
 *           data-channel="secure-logout"></script>  BroadcastChannel name shared by the app's tabs
 *
 * Forms marked with the data-logout attribute end this browser's session: on submit the script POSTs
 * the form, then clears the client (localStorage keys, sessionStorage, IndexedDB, Cache Storage,
 * service workers), tells the other tabs, and leaves with location.replace() so that the back
 * button does not return to the signed-in page. The cleanup also runs when the server cannot be
 * reached. A page restored from the back/forward cache is reloaded, so the server decides again.
 * A stream the server closes with "event: superseded" (a newer tab of the session took its place) is
 * not reopened: that tab hears of a logout from the newer one through the BroadcastChannel.
 * "event: signin" (the user signed in on another device) is dispatched on the document as a
 * "securelogout:signin" CustomEvent whose detail is {browser, os, ip}, and shown in the page's
 * element marked data-signin-notice (unhidden) when there is one.
 * window.SecureLogout exposes logout(url, body), cleanup() and the script's version for the app's own code.
 */
(function () {
  'use strict';

  var VERSION = '${project.version}';
  if (typeof document === 'undefined') {
    return; // loaded in a worker: nothing of a page to clean up
  }

  var script = document.currentScript;
  function setting(name, fallback) {
    var value = script ? script.getAttribute('data-' + name) : null;
    return value === null ? fallback : value;
  }
  var config = {
    prefix: setting('storage-prefix', ''),
    events: setting('events', '/events'),
    login: setting('login', '/login'),
    channel: setting('channel', 'secure-logout'),
    timeoutMs: 5000
  };
  var leaving = false;

  function ignore() { /* best effort: one failed step must not stop the others */ }

  function clearLocalStorage() {
    try {
      if (!config.prefix) {
        localStorage.clear();
        return;
      }
      for (var i = localStorage.length - 1; i >= 0; i--) {
        var key = localStorage.key(i);
        if (key !== null && key.indexOf(config.prefix) === 0) {
          localStorage.removeItem(key);
        }
      }
    } catch (e) { ignore(); }
  }

  function clearSessionStorage() {
    try { sessionStorage.clear(); } catch (e) { ignore(); }
  }

  function clearIndexedDb() {
    if (!window.indexedDB || typeof indexedDB.databases !== 'function') {
      return Promise.resolve();
    }
    return indexedDB.databases().then(function (databases) {
      return Promise.all(databases.map(function (db) {
        return new Promise(function (resolve) {
          var request = indexedDB.deleteDatabase(db.name);
          request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
        });
      }));
    }).catch(ignore);
  }

  function clearCaches() {
    if (!window.caches) {
      return Promise.resolve();
    }
    return caches.keys().then(function (names) {
      return Promise.all(names.map(function (name) { return caches.delete(name); }));
    }).catch(ignore);
  }

  function unregisterServiceWorkers() {
    if (!navigator.serviceWorker || typeof navigator.serviceWorker.getRegistrations !== 'function') {
      return Promise.resolve();
    }
    return navigator.serviceWorker.getRegistrations().then(function (registrations) {
      return Promise.all(registrations.map(function (r) { return r.unregister(); }));
    }).catch(ignore);
  }

  function withTimeout(promise) {
    return Promise.race([promise, new Promise(function (resolve) { setTimeout(resolve, config.timeoutMs); })]);
  }

  /** Clears everything the app keeps in this browser. Resolves, never rejects. */
  function cleanup() {
    clearLocalStorage();
    clearSessionStorage();
    return withTimeout(Promise.all([clearIndexedDb(), clearCaches(), unregisterServiceWorkers()])).catch(ignore);
  }

  var channel = null;
  try { channel = window.BroadcastChannel ? new BroadcastChannel(config.channel) : null; } catch (e) { ignore(); }

  function leave() {
    location.replace(config.login);
  }

  /** Clears the client and leaves; tells the other tabs when this tab started it. */
  function ended(tellOthers) {
    if (leaving) {
      return Promise.resolve();
    }
    leaving = true;
    if (events) {
      events.close();
    }
    return cleanup().then(function () {
      if (tellOthers && channel) {
        try { channel.postMessage({ type: 'logout' }); } catch (e) { ignore(); }
      }
      leave();
    });
  }

  /** POSTs to url (server first), then ends the client whatever the answer, even with no answer. */
  function logout(url, body) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, config.timeoutMs) : null;
    return fetch(url, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Accept': 'application/json' },
      signal: controller ? controller.signal : undefined
    }).catch(ignore).then(function () {
      if (timer) { clearTimeout(timer); }
      return ended(true);
    });
  }

  if (channel) {
    channel.onmessage = function (message) {
      if (message.data && message.data.type === 'logout') {
        ended(false);
      }
    };
  }

  var events = null;
  if (config.events && window.EventSource) {
    events = new EventSource(config.events, { withCredentials: true });
    events.addEventListener('logout', function () { ended(true); });
    events.addEventListener('superseded', function () { events.close(); });
    events.addEventListener('signin', function (message) {
      var device = {};
      try { device = JSON.parse(message.data) || {}; } catch (e) { return; }
      document.dispatchEvent(new CustomEvent('securelogout:signin', { detail: device }));
      var notice = document.querySelector('[data-signin-notice]');
      if (notice) {
        notice.textContent = 'New sign-in to your account: ' + (device.browser || 'a browser') + ' on '
          + (device.os || 'a device') + ' from ' + (device.ip || 'an unknown address') + '. Not you? Revoke it on the Devices page.';
        notice.hidden = false;
      }
    });
  }

  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute('data-logout')) {
      return;
    }
    event.preventDefault();
    var buttons = form.querySelectorAll('button');
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
    logout(form.action, new URLSearchParams(new FormData(form)));
  });

  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      location.reload();
    }
  });

  window.SecureLogout = { logout: logout, cleanup: cleanup, version: VERSION };
}());

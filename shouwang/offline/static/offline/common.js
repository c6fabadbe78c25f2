// What the offline pages share (our own code): the IndexedDB store, the service worker's
// registration, the page's translated texts, and requests with a time limit.
"use strict";
window.Shouwang = window.Shouwang || {};
(function (S) {
  const DB_NAME = "shouwang-offline";
  const DB_VERSION = 1;
  let opening = null;

  function open() {
    if (!opening) {
      opening = new Promise((resolve, reject) => {
        const request = indexedDB.open(DB_NAME, DB_VERSION);
        request.onupgradeneeded = () => {
          const db = request.result;
          // Registrations waiting to be sent, by client UUID; each names its user.
          if (!db.objectStoreNames.contains("queue")) {
            db.createObjectStore("queue", { keyPath: "client_id" }).createIndex("user", "user");
          }
          // Cached reference data: recent plates per post, keys and revocation list.
          if (!db.objectStoreNames.contains("kv")) db.createObjectStore("kv");
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    return opening;
  }

  function run(storeName, mode, work) {
    return open().then(
      (db) =>
        new Promise((resolve, reject) => {
          const transaction = db.transaction(storeName, mode);
          const request = work(transaction.objectStore(storeName));
          transaction.oncomplete = () => resolve(request ? request.result : undefined);
          transaction.onerror = () => reject(transaction.error);
          transaction.onabort = () => reject(transaction.error);
        }),
    );
  }

  S.store = {
    available: typeof indexedDB !== "undefined",
    put: (record) => run("queue", "readwrite", (s) => s.put(record)),
    remove: (clientId) => run("queue", "readwrite", (s) => s.delete(clientId)),
    get: (clientId) => run("queue", "readonly", (s) => s.get(clientId)),
    all: () => run("queue", "readonly", (s) => s.getAll()),
    read: (key) => run("kv", "readonly", (s) => s.get(key)),
    write: (key, value) => run("kv", "readwrite", (s) => s.put(value, key)),
  };

  // The page's texts, translated by the server: <template id="offline-texts"><i data-k=…>.
  const texts = {};
  const holder = document.getElementById("offline-texts");
  if (holder) {
    for (const item of holder.content.querySelectorAll("[data-k]")) {
      texts[item.dataset.k] = item.textContent;
    }
  }
  S.t = function (key, values) {
    let text = texts[key] || key;
    for (const [name, value] of Object.entries(values || {})) {
      text = text.split(`%(${name})s`).join(String(value));
    }
    return text;
  };

  S.csrfToken = function () {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  };

  // fetch with a time limit: on a mountain road a request may hang for minutes.
  S.fetchWithin = function (url, options, milliseconds) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), milliseconds);
    return fetch(url, { credentials: "same-origin", ...options, signal: controller.signal }).finally(
      () => clearTimeout(timer),
    );
  };

  S.uuid = function () {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  const pad = (n) => String(n).padStart(2, "0");
  // "08:15" today, "12-01 08:15" another day: the age of a cached list as the officer reads it.
  S.clock = function (moment) {
    const when = new Date(moment);
    const time = `${pad(when.getHours())}:${pad(when.getMinutes())}`;
    const today = new Date();
    if (when.toDateString() === today.toDateString()) return time;
    return `${pad(when.getMonth() + 1)}-${pad(when.getDate())} ${time}`;
  };
  S.dateTime = function (moment) {
    const when = new Date(moment);
    return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())} ${pad(when.getHours())}:${pad(when.getMinutes())}`;
  };

  // The worker is registered by the field pages, which ask it to keep them for offline use;
  // resolved once the page is kept (or after 15 s), so that the page's own requests follow.
  S.installWorker = function (workerUrl) {
    if (!("serviceWorker" in navigator) || !workerUrl) return Promise.resolve();
    const kept = navigator.serviceWorker
      .register(workerUrl, { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then(
        (registration) =>
          new Promise((resolve) => {
            if (!registration.active) return resolve();
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve();
            registration.active.postMessage({ type: "keep", urls: [location.href] }, [channel.port2]);
          }),
      )
      .catch(() => {});
    return Promise.race([kept, new Promise((resolve) => setTimeout(resolve, 15000))]);
  };
})(window.Shouwang);

// Shouwang's service worker (our own code). Served at /sw.js by shouwang.offline.views, which
// puts `const CONFIG = {...}` before this source: the precached files, the pages kept
// offline and the version (a digest of all of them).
//
// - static files: from the cache first (their production URLs carry a content hash);
// - the field pages (registration, verifier, shift, my shifts): from the network, the kept copy
//   when the network fails or takes longer than NAVIGATION_WAIT; each good answer is kept;
// - any other page: the network, else the "网络不通" page;
// - API calls and htmx partials are not touched: the pages queue what they cannot send.
/* global CONFIG */
"use strict";

const STATIC_CACHE = `shouwang-static-${CONFIG.version}`;
const PAGE_CACHE = `shouwang-pages-${CONFIG.version}`;
const NAVIGATION_WAIT = 4000; // ms: on a slow link the kept page is shown rather than waiting
const LAST_REGISTER = "/__shouwang/last-register"; // the registration page opened last
const offlinePaths = CONFIG.offlinePaths.map((pattern) => new RegExp(pattern));
const registerPath = new RegExp(CONFIG.registerPath);

function keepable(response) {
  return response && response.ok && !response.redirected && response.type === "basic";
}

async function keepPage(url, response) {
  const cache = await caches.open(PAGE_CACHE);
  await cache.put(url, response);
  if (registerPath.test(new URL(url).pathname)) {
    await cache.put(LAST_REGISTER, new Response(url));
  }
}

async function fetchAndKeep(url) {
  try {
    const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
    if (keepable(response)) await keepPage(url, response);
  } catch (error) {
    // Not reachable now (or not allowed for this user): kept at the next visit.
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(STATIC_CACHE);
      await cache.addAll(CONFIG.static);
      // Pages are per user: one refused (a role without the verifier) does not stop the rest.
      // One at a time: a phone on a slow link, and a server that writes the session each time.
      for (const url of CONFIG.pages) await fetchAndKeep(new URL(url, self.location).href);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      // The pages kept by the previous version are fetched again (they name the new files).
      const kept = new Set();
      for (const name of names) {
        if (name.startsWith("shouwang-pages-") && name !== PAGE_CACHE) {
          const old = await caches.open(name);
          for (const request of await old.keys()) {
            if (!request.url.endsWith(LAST_REGISTER)) kept.add(request.url);
          }
        }
      }
      for (const url of kept) await fetchAndKeep(url);
      await Promise.all(
        names
          .filter((name) => name.startsWith("shouwang-") && name !== STATIC_CACHE && name !== PAGE_CACHE)
          .map((name) => caches.delete(name)),
      );
      await self.clients.claim();
    })(),
  );
});

// A page asks to be kept when it opens (its first visit is not yet under the worker).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep" && Array.isArray(data.urls)) {
    const urls = data.urls.map((url) => new URL(url, self.location));
    const same = urls.filter((url) => url.origin === self.location.origin);
    event.waitUntil(
      (async () => {
        for (const url of same) await fetchAndKeep(url.href);
        if (event.ports[0]) event.ports[0].postMessage("kept");
      })(),
    );
  }
});

async function keptPage(request) {
  const cache = await caches.open(PAGE_CACHE);
  const url = new URL(request.url);
  let found = await cache.match(request, { ignoreVary: true });
  if (!found) found = await cache.match(request, { ignoreSearch: true, ignoreVary: true });
  if (!found && url.pathname === CONFIG.shiftPath) {
    // The shift page redirects to the registration page: offline, the one opened last.
    const last = await cache.match(LAST_REGISTER);
    if (last) found = await cache.match(await last.text());
  }
  return found;
}

async function fallbackPage() {
  const cache = await caches.open(STATIC_CACHE);
  const page = await cache.match(new URL(CONFIG.fallback, self.location).href);
  return page || new Response("offline", { status: 503, headers: { "Content-Type": "text/plain" } });
}

async function fieldPage(event) {
  const request = event.request;
  const network = fetch(request).then((response) => {
    if (keepable(response)) event.waitUntil(keepPage(request.url, response.clone()));
    return response;
  });
  network.catch(() => {});
  const kept = keptPage(request);
  const timer = new Promise((resolve) => setTimeout(resolve, NAVIGATION_WAIT, "slow"));
  const first = await Promise.race([network.catch(() => "failed"), timer]);
  if (first !== "slow" && first !== "failed") return first;
  const copy = await kept;
  if (copy) return copy;
  if (first === "slow") {
    try {
      return await network;
    } catch (error) {
      // fall through to the offline page
    }
  }
  return fallbackPage();
}

async function otherPage(request) {
  try {
    return await fetch(request);
  } catch (error) {
    return fallbackPage();
  }
}

async function staticFile(request) {
  const cache = await caches.open(STATIC_CACHE);
  const found = await cache.match(request, { ignoreVary: true });
  if (found) return found;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") cache.put(request, response.clone()).catch(() => {});
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && request.method === "POST" && url.pathname === CONFIG.logout) {
    // Signing out forgets the pages kept for this user (never the queue of registrations,
    // which waits in IndexedDB for the same user to sign in again).
    event.waitUntil(
      caches.keys().then((names) =>
        Promise.all(names.filter((n) => n.startsWith("shouwang-pages-")).map((n) => caches.delete(n))),
      ),
    );
    return;
  }
  if (request.method !== "GET") return;
  if (request.mode === "navigate") {
    if (offlinePaths.some((pattern) => pattern.test(url.pathname))) {
      event.respondWith(fieldPage(event));
    } else {
      event.respondWith(otherPage(request));
    }
    return;
  }
  if (url.pathname.startsWith(CONFIG.staticPrefix) || CONFIG.static.includes(url.pathname)) {
    event.respondWith(staticFile(request));
  }
});

// Registers the service worker from a page that has no queue of its own (my shifts), and asks
// it to keep the page for offline use. Loaded after common.js.
"use strict";
(function (S) {
  const script = document.getElementById("offline-install");
  if (script) S.installWorker(script.dataset.worker);
})(window.Shouwang);

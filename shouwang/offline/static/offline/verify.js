// The pass verifier with no network (our own code). A scanned token (SW1-…) is checked here
// as the server checks it (shouwang/passes/tokens.py and services/verifying.py): its issuer among
// the cached public keys, its Ed25519 signature (WebCrypto, else ./ed25519.js), the cached
// revocation list, its period and its checkpoints. The verdict says that it was made offline
// and how old the list is; each offline check is logged on the server once the network is back.
"use strict";
(function (S) {
  const configElement = document.getElementById("offline-verify");
  const form = document.getElementById("verify-form");
  if (!configElement || !form) return;
  const C = JSON.parse(configElement.textContent);
  const verdict = document.getElementById("verdict");
  const MATERIAL = "pass-material";
  const LOG = `pass-checks:${C.user}`;
  const MAX_AGE = 15 * 60 * 1000;

  // --- the token, as shouwang/passes/tokens.py writes it ----------------------------------------
  const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  const ALIASES = { I: "1", L: "1", O: "0" };

  function base32Encode(bytes) {
    let bits = 0;
    let value = 0;
    let text = "";
    for (const byte of bytes) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5) {
        text += B32[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
    }
    if (bits > 0) text += B32[(value << (5 - bits)) & 31];
    return text;
  }

  function base32Decode(text) {
    const bytes = [];
    let bits = 0;
    let value = 0;
    for (const character of text) {
      const digit = B32.indexOf(character);
      if (digit < 0) return null;
      value = ((value << 5) | digit) & 0xffff;
      bits += 5;
      if (bits >= 8) {
        bytes.push((value >>> (bits - 8)) & 255);
        bits -= 8;
      }
    }
    const raw = new Uint8Array(bytes);
    return base32Encode(raw) === text ? raw : null; // strict: only the canonical text
  }

  function shortCode(bytes) {
    let value = 0;
    for (const byte of bytes) value = value * 256 + byte;
    let code = "";
    for (let i = 0; i < 8; i++) {
      code = CROCKFORD[value % 32] + code;
      value = Math.floor(value / 32);
    }
    return code;
  }

  S.passTokenParse = function (token) {
    if (!token.startsWith("SW1-")) return null;
    const raw = base32Decode(token.slice(4));
    if (!raw || raw.length < 23 + 8 + 64) return null;
    const view = new DataView(raw.buffer);
    if (raw[0] !== 1) return null;
    const count = raw[22];
    const signedSize = 23 + 4 * count + 8;
    if (raw.length !== signedSize + 64) return null;
    const from = view.getUint32(14);
    const to = view.getUint32(18);
    if (from >= to) return null;
    const ids = [];
    for (let i = 0; i < count; i++) ids.push(view.getUint32(23 + 4 * i));
    const keyId = [...raw.slice(1, 9)].map((b) => b.toString(16).padStart(2, "0")).join("").toUpperCase();
    return {
      keyId,
      shortCode: shortCode(raw.slice(9, 14)),
      validFrom: from * 1000,
      validTo: to * 1000,
      checkpoints: ids,
      signed: raw.slice(0, signedSize),
      signature: raw.slice(signedSize),
    };
  };

  function fromBase64(text) {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  }

  // WebCrypto's Ed25519 where the browser has it, else our own implementation.
  S.signatureValid = async function (publicKey, signature, signed, { fallbackOnly = false } = {}) {
    const raw = fromBase64(publicKey);
    if (!fallbackOnly) {
      try {
        const key = await crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
        return await crypto.subtle.verify({ name: "Ed25519" }, key, signature, signed);
      } catch (error) {
        // NotSupportedError on an older browser: verified below
      }
    }
    return S.ed25519Verify(raw, signature, signed);
  };

  function normaliseShortCode(text) {
    let code = text.replace(/[\s-]/g, "").toUpperCase();
    code = [...code].map((c) => ALIASES[c] || c).join("");
    return code.length === 8 && [...code].every((c) => CROCKFORD.includes(c)) ? code : null;
  }

  async function judge(text, material, now) {
    const found = { result: "forged", detail: "", at: now };
    const revoked = new Map(material.revoked.map((entry) => [entry.short_code, entry]));
    const withdrawn = (code) => {
      const entry = revoked.get(code);
      if (!entry) return null;
      return entry.status === "revoked"
        ? { result: "revoked", detail: S.t("revoked", { reason: entry.reason }) }
        : { result: "superseded", detail: S.t("superseded") };
    };
    if (!text.toUpperCase().startsWith("SW1-")) {
      const code = normaliseShortCode(text);
      if (!code) return { ...found, detail: S.t("bad_code") };
      const entry = withdrawn(code);
      if (entry) return { ...found, ...entry, shortCode: code };
      return { ...found, result: "offline_unknown", detail: S.t("typed_offline"), shortCode: code };
    }
    const claims = S.passTokenParse(text.trim());
    if (!claims) return { ...found, detail: S.t("unreadable") };
    const facts = {
      shortCode: claims.shortCode,
      validFrom: claims.validFrom,
      validTo: claims.validTo,
    };
    const key = material.keys.find((entry) => entry.key_id === claims.keyId);
    if (!key) return { ...found, ...facts, result: "unknown_issuer", detail: S.t("unknown_issuer") };
    facts.issuer = key.issuer_name;
    if (!(await S.signatureValid(key.public_key, claims.signature, claims.signed))) {
      return { ...found, ...facts, detail: S.t("bad_signature") };
    }
    const entry = key.own ? withdrawn(claims.shortCode) : null;
    if (entry) return { ...found, ...facts, ...entry };
    if (now < claims.validFrom) return { ...found, ...facts, result: "not_yet_valid", detail: S.t("not_yet_valid") };
    if (now >= claims.validTo) return { ...found, ...facts, result: "expired", detail: S.t("expired") };
    if (claims.checkpoints.length && !claims.checkpoints.includes(C.checkpoint)) {
      return { ...found, ...facts, result: "wrong_checkpoint", detail: S.t("wrong_checkpoint") };
    }
    return { ...found, ...facts, result: "valid", detail: S.t("plates_on_paper") };
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show(outcome, material) {
    const known = outcome.result in C.labels;
    const panel = element("div", {
      class: `verdict verdict-${known ? outcome.result : "error"}`,
      role: "alert",
      "data-result": outcome.result,
      "data-offline": "1",
    });
    const label = known ? C.labels[outcome.result] : S.t("not_judged");
    panel.append(element("strong", { class: "verdict-label" }, `${outcome.result === "valid" ? "✔" : "✖"} ${label}`));
    if (outcome.detail) panel.append(element("p", { class: "verdict-detail" }, outcome.detail));
    panel.append(element("p", { class: "verdict-offline" }, S.t("offline_age", { time: S.clock(material.fetched_at) })));
    const facts = element("dl", { class: "verdict-facts" });
    const fact = (name, value, cls) => {
      facts.append(element("dt", {}, S.t(name)), element("dd", cls ? { class: cls } : {}, value));
    };
    if (outcome.shortCode) fact("code", `${outcome.shortCode.slice(0, 4)}-${outcome.shortCode.slice(4)}`, "code");
    if (outcome.validTo) fact("period", `${S.dateTime(outcome.validFrom)} — ${S.dateTime(outcome.validTo)}`);
    if (outcome.issuer) fact("issuer", outcome.issuer);
    const at = new Date(outcome.at);
    fact("checked_at", at.toTimeString().slice(0, 8));
    panel.append(facts);
    verdict.replaceChildren(panel);
    verdict.scrollIntoView({ block: "start" });
  }

  async function material() {
    return S.store.read(MATERIAL);
  }

  async function refresh(force) {
    const kept = await material();
    if (!force && kept && Date.now() - kept.fetched_at < MAX_AGE) return;
    try {
      const response = await S.fetchWithin(C.material, { headers: { Accept: "application/json" } }, 20000);
      if (response.ok) {
        const data = await response.json();
        await S.store.write(MATERIAL, { ...data, fetched_at: Date.now() });
      }
    } catch (error) {
      // the kept list stays; its age is shown with each verdict
    }
    renderAge();
  }

  async function renderAge() {
    const kept = await material();
    const line = document.getElementById("offline-age");
    if (line) line.textContent = kept ? S.t("list_age", { time: S.clock(kept.fetched_at) }) : S.t("no_list");
  }

  // Checks made offline are logged on the server (with their moment) once it is reachable.
  async function logLater(code, at) {
    const log = (await S.store.read(LOG)) || [];
    log.push({ code, checkpoint: C.checkpoint, at: new Date(at).toISOString() });
    await S.store.write(LOG, log);
  }

  async function sendLog() {
    const log = (await S.store.read(LOG)) || [];
    const left = [];
    for (const entry of log) {
      try {
        const response = await S.fetchWithin(
          C.verify,
          {
            method: "POST",
            headers: { "Content-Type": "application/json", "X-CSRFToken": S.csrfToken() },
            body: JSON.stringify(entry),
          },
          20000,
        );
        if (response.status >= 500 || response.status === 401 || response.status === 403) left.push(entry);
      } catch (error) {
        left.push(entry);
      }
    }
    await S.store.write(LOG, left);
  }

  async function verifyOffline() {
    const text = form.elements.code.value.trim();
    if (!text) return;
    const kept = await material();
    if (!kept || !window.crypto || !crypto.subtle) {
      verdict.replaceChildren(
        element("div", { class: "verdict verdict-error", role: "alert", "data-result": "error" }, S.t(kept ? "needs_https" : "no_list")),
      );
      return;
    }
    const now = Date.now();
    const outcome = await judge(text, kept, now);
    show(outcome, kept);
    await logLater(text, now);
  }

  for (const name of ["htmx:sendError", "htmx:timeout"]) {
    document.body.addEventListener(name, (event) => {
      if (event.target === form) verifyOffline();
    });
  }
  window.addEventListener("online", () => {
    refresh(true);
    sendLog();
  });
  S.verifyOffline = verifyOffline;
  renderAge();
  S.installWorker(C.worker).then(() => {
    refresh(false);
    if (navigator.onLine) sendLog();
  });
})(window.Shouwang);

// The registration page with or without a network (our own code).
//
// Every tap on a disposition keeps the passage in IndexedDB first (with its client UUID and its
// user), then sends the waiting ones through the batch API. The server stores a client UUID once,
// so a passage sent twice (an answer lost on the way back) is answered "duplicate" and dropped
// here. A passage the server refuses stays, with its errors, for correction in the form. A
// signed-out session keeps the queue; only the same user, signed in again, sends it.
"use strict";
(function (S) {
  const configElement = document.getElementById("offline-register");
  const form = document.getElementById("register-form");
  if (!configElement || !form || !S.store.available || !window.fetch) return;
  const C = JSON.parse(configElement.textContent);
  const status = document.getElementById("offline-status");
  const BATCH_SIZE = 100;
  const SEND_WAIT = 20000; // ms before a batch's answer is given up (it may still arrive)
  const TAP_WAIT = 5000; // ms the officer waits for an answer before the next vehicle
  const PLATES_MAX_AGE = 15 * 60 * 1000;
  let retryDelay = 15000;
  let retryTimer = null;
  let running = Promise.resolve();
  let userChecked = false;
  let problem = ""; // "login" (session gone) or "user" (another user is signed in)
  const answers = new Map(); // client_id → the server's result, for the tap that waits for it

  // --- a passage from the form, as the page's own POST would send it (checkpoints.views) ---
  function itemFromForm(submitter) {
    const data = new FormData(form);
    if (submitter && submitter.name) data.set(submitter.name, submitter.value);
    const get = (key) => (data.get(key) ?? "").toString();
    const item = {};
    for (const key of C.inputKeys) item[key] = get(key);
    const occupants = [];
    const columns = C.occupantKeys.map((key) => data.getAll(`occupant_${key}`).map(String));
    const rows = Math.min(...columns.map((column) => column.length));
    for (let row = 0; row < rows; row++) {
      const person = {};
      C.occupantKeys.forEach((key, index) => {
        person[key] = columns[index][row];
      });
      if (Object.values(person).some((value) => value.trim())) occupants.push(person);
    }
    const plate = get("plate").trim();
    return {
      ...item,
      client_id: get("client_id") || S.uuid(),
      checkpoint: C.checkpoint,
      // The moment of the tap, not of the sending: the queue may wait for hours.
      occurred_at: get("occurred_at").trim() || new Date().toISOString(),
      direction: get("direction") || "in",
      plate: plate ? (get("province") + plate).trim().toUpperCase() : "",
      occupants_count: data.has("occupants_count") ? get("occupants_count") : null,
      register_watch: get("register_watch") === "on",
      occupants,
      green_channel: get("green_channel") === "on",
    };
  }

  function labelOf(item) {
    const pick = (name) => {
      const input = form.querySelector(`[name=${name}][value="${item[name]}"]`);
      if (!input) return item[name];
      return (input.closest("label") || input).textContent.trim();
    };
    return { what: item.plate || pick("vehicle_kind") || "", disposition: pick("disposition") };
  }

  // --- sending ----------------------------------------------------------------------------------
  function mine(records) {
    return records.filter((record) => record.user === C.user);
  }

  async function checkUser() {
    // The page may be a copy kept from an earlier session: send only as its own user.
    const response = await S.fetchWithin(C.me, { headers: { Accept: "application/json" } }, SEND_WAIT);
    if (response.status === 401 || response.status === 403) {
      problem = "login";
      return false;
    }
    if (!response.ok) return false;
    const me = await response.json();
    if (me.username !== C.user) {
      problem = "user";
      return false;
    }
    problem = "";
    userChecked = true;
    return true;
  }

  async function sendOnce() {
    const waiting = mine(await S.store.all())
      .filter((record) => record.state === "waiting")
      .sort((a, b) => a.created_at - b.created_at);
    if (!waiting.length) return "empty";
    if (!userChecked && !(await checkUser())) return "refused";
    for (let start = 0; start < waiting.length; start += BATCH_SIZE) {
      const chunk = waiting.slice(start, start + BATCH_SIZE);
      const response = await S.fetchWithin(
        C.batch,
        {
          method: "POST",
          headers: { "Content-Type": "application/json", "X-CSRFToken": S.csrfToken() },
          body: JSON.stringify({ items: chunk.map((record) => record.item) }),
        },
        SEND_WAIT,
      );
      if (response.status === 401 || response.status === 403) {
        userChecked = false;
        problem = "login";
        return "refused";
      }
      if (!response.ok) return "failed";
      const { results } = await response.json();
      for (const [index, record] of chunk.entries()) {
        const result = results[index] || {};
        answers.set(record.client_id, result);
        if (result.status === "created" || result.status === "duplicate") {
          await S.store.remove(record.client_id);
          settled(record.client_id);
        } else {
          await S.store.put({ ...record, state: "rejected", errors: result.errors || [] });
        }
      }
    }
    problem = "";
    return "sent";
  }

  function locked(work) {
    // One tab sends at a time; the server's idempotency covers the rest.
    if (navigator.locks) return navigator.locks.request("shouwang-passage-queue", work);
    return work();
  }

  function send() {
    const attempt = () =>
      locked(sendOnce)
        .catch(() => "failed")
        .then(async (outcome) => {
          schedule(outcome);
          await render();
          return outcome;
        });
    running = running.then(attempt, attempt);
    return running;
  }

  function schedule(outcome) {
    clearTimeout(retryTimer);
    retryDelay = outcome === "sent" || outcome === "empty" ? 15000 : Math.min(retryDelay * 2, 120000);
    retryTimer = setTimeout(async () => {
      const waiting = mine(await S.store.all()).some((record) => record.state === "waiting");
      if (waiting) send();
    }, retryDelay);
  }

  // --- what the officer sees --------------------------------------------------------------------
  function minutesSince(moment) {
    return Math.max(0, Math.floor((Date.now() - moment) / 60000));
  }

  function element(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  async function render() {
    const records = await S.store.all();
    const own = mine(records);
    const waiting = own.filter((record) => record.state === "waiting");
    const rejected = own.filter(
      (record) => record.state === "rejected" && record.client_id !== form.elements.client_id.value,
    );
    const others = records.length - own.length;
    status.replaceChildren();
    status.hidden = !(waiting.length || rejected.length || others || !navigator.onLine);
    if (!navigator.onLine) status.append(element("p", { class: "offline-badge" }, S.t("offline")));
    if (waiting.length) {
      const oldest = Math.min(...waiting.map((record) => record.created_at));
      const line = element(
        "p",
        { class: "queue-waiting", "data-waiting": String(waiting.length) },
        S.t("waiting", { n: waiting.length, minutes: minutesSince(oldest) }),
      );
      const button = element("button", { type: "button", class: "secondary outline send-now" }, S.t("send_now"));
      button.addEventListener("click", () => {
        userChecked = false;
        send();
      });
      line.append(" ", button);
      status.append(line);
    }
    if (problem === "login") {
      const line = element("p", { class: "queue-problem", role: "alert" }, S.t("login_needed") + " ");
      line.append(element("a", { href: `${C.login}?next=${encodeURIComponent(location.pathname)}` }, S.t("login")));
      status.append(line);
    } else if (problem === "user") {
      status.append(element("p", { class: "queue-problem", role: "alert" }, S.t("other_user")));
    }
    if (rejected.length) {
      status.append(element("p", { class: "queue-rejected", "data-rejected": String(rejected.length) }, S.t("rejected", { n: rejected.length })));
      const list = element("ul", { class: "queue-rejected-list" });
      for (const record of rejected) {
        const first = (record.errors[0] || {}).message || "";
        const row = element("li", { "data-client-id": record.client_id });
        row.append(`${S.clock(record.created_at)} ${record.label.what} · ${record.label.disposition} — ${first} `);
        const fix = element("button", { type: "button", class: "fix" }, S.t("fix"));
        fix.addEventListener("click", () => loadForCorrection(record));
        const drop = element("button", { type: "button", class: "secondary outline drop" }, S.t("drop"));
        drop.addEventListener("click", async () => {
          if (window.confirm(S.t("drop_confirm"))) {
            await S.store.remove(record.client_id);
            render();
          }
        });
        row.append(fix, " ", drop);
        list.append(row);
      }
      status.append(list);
    }
    if (others) status.append(element("p", { class: "muted queue-others" }, S.t("others", { n: others })));
  }

  function showMessage(kind, text) {
    for (const old of document.querySelectorAll("main > .message")) old.remove();
    const message = element("p", { class: `message ${kind}`, role: "alert" }, text);
    document.querySelector("main").prepend(message);
  }

  function clearErrors() {
    for (const node of form.querySelectorAll(".errorlist.from-queue")) node.remove();
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    const summary = document.getElementById("queue-errors");
    if (summary) summary.remove();
  }

  // Each refused field's message where the server-rendered page would put it.
  function showErrors(errors) {
    clearErrors();
    const general = [];
    let first = null;
    for (const { field, message } of errors) {
      const note = element("small", { class: "errorlist from-queue", role: "alert" }, message);
      let anchor = null;
      if (field === "occupants" || field === "register_watch" || field.startsWith("occupants.")) {
        anchor = document.getElementById("occupants");
        anchor.closest("details").open = true;
        anchor.prepend(note);
      } else if (field === "disposition") {
        document.getElementById("handover-warning").hidden = false;
        form.querySelector(".dispositions").before(note);
      } else {
        const input = form.querySelector(`[name="${field}"]`);
        if (!input) {
          general.push(message);
          continue;
        }
        input.setAttribute("aria-invalid", "true");
        const details = input.closest("details");
        if (details) details.open = true;
        anchor = input.type === "radio" ? input.closest("fieldset") : input.closest(".plate-row, .two, label") || input;
        if (input.type === "radio") anchor.append(note);
        else anchor.after(note);
      }
      first = first || note;
    }
    const summary = element("p", { class: "message error", role: "alert", id: "queue-errors" }, S.t("correct") + (general.length ? `：${general.join("；")}` : ""));
    form.before(summary);
    (first || summary).scrollIntoView({ block: "center" });
  }

  function freshClientId() {
    form.elements.client_id.value = S.uuid();
  }

  function resetForm() {
    form.reset();
    for (const row of form.querySelectorAll("#occupants .occupant")) row.remove();
    for (const field of form.querySelectorAll("[data-typed]")) delete field.dataset.typed;
    document.getElementById("plate-feedback").replaceChildren();
    freshClientId();
    clearErrors();
    form.dispatchEvent(new Event("change")); // the handover proposal follows the empty form
  }

  function addRecent(record, id) {
    const list = document.getElementById("recent-passages");
    if (!list) return;
    for (const empty of list.querySelectorAll(".muted")) empty.remove();
    const item = element("li");
    const when = S.clock(Date.parse(record.item.occurred_at) || record.created_at).slice(-5);
    const text = `${when} ${record.label.what}`;
    item.append(id ? element("a", { href: C.passage.replace("/0/", `/${id}/`) }, text) : text);
    item.append(` · ${S.t("people", { n: record.item.occupants_count || 1 })} · ${record.label.disposition}`);
    if (!id) {
      item.classList.add("pending");
      item.dataset.clientId = record.client_id;
      item.append(` · ${S.t("pending")}`);
    }
    list.prepend(item);
  }

  function settled(clientId) {
    for (const item of document.querySelectorAll(`#recent-passages .pending[data-client-id="${clientId}"]`)) {
      item.classList.remove("pending");
      item.lastChild.remove(); // " · 待发送"
    }
  }

  // A refused passage back in the form, its values as typed and its errors beside them.
  function loadForCorrection(record) {
    resetForm();
    const entries = record.form || [];
    const occupantRows = entries.filter(([name]) => name === "occupant_name").length;
    for (let i = 0; i < occupantRows; i++) document.getElementById("add-occupant").click();
    const seen = {};
    for (const [name, value] of entries) {
      const fields = form.querySelectorAll(`[name="${name}"]`);
      if (!fields.length) continue;
      const first = fields[0];
      if (first.type === "radio") {
        for (const radio of fields) radio.checked = radio.value === value;
      } else if (first.type === "checkbox") {
        first.checked = true;
      } else if (first.type !== "submit") {
        const index = seen[name] || 0;
        if (fields[index]) fields[index].value = value;
        seen[name] = index + 1;
      }
      if (first.type !== "submit" && first.type !== "hidden") first.dataset.typed = "1";
    }
    form.elements.client_id.value = record.client_id;
    form.dispatchEvent(new Event("change"));
    showErrors(record.errors);
    render();
  }

  async function register(submitter) {
    const item = itemFromForm(submitter);
    const formEntries = [...new FormData(form).entries()].filter(
      ([name, value]) => name !== "csrfmiddlewaretoken" && typeof value === "string",
    );
    const record = {
      client_id: item.client_id,
      user: C.user,
      checkpoint: C.checkpoint,
      item,
      form: formEntries,
      label: labelOf(item),
      created_at: Date.now(),
      state: "waiting",
      errors: [],
    };
    await S.store.put(record); // kept before anything is sent: closing the tab loses nothing
    answers.delete(record.client_id);
    const sending = navigator.onLine ? send() : Promise.resolve("offline");
    const outcome = await Promise.race([sending, new Promise((r) => setTimeout(r, TAP_WAIT, "slow"))]);
    const answer = answers.get(record.client_id);
    remember(record.item);
    if (answer && (answer.status === "created" || answer.status === "duplicate")) {
      showMessage("success", S.t("registered", record.label));
      addRecent(record, answer.id);
      resetForm();
    } else if (answer) {
      for (const old of document.querySelectorAll("main > .message")) old.remove();
      showErrors(answer.errors || []);
    } else {
      showMessage("warning", S.t(outcome === "refused" ? "kept_login" : "kept", record.label));
      addRecent(record, null);
      resetForm();
    }
    await render();
  }

  let bypass = false;
  form.addEventListener("submit", (event) => {
    if (bypass) return; // IndexedDB failed: the page's own POST, as without this script
    event.preventDefault();
    const submitter = event.submitter;
    const buttons = form.querySelectorAll(".dispositions button");
    buttons.forEach((button) => {
      button.disabled = true;
    });
    register(submitter)
      .catch(() => {
        bypass = true;
        buttons.forEach((button) => {
          button.disabled = false;
        });
        form.requestSubmit(submitter);
      })
      .finally(() =>
        buttons.forEach((button) => {
          button.disabled = false;
        }),
      );
  });

  // --- a returning vehicle with no network: the plates this post saw in recent days ------------
  const platesKey = `plates:${C.checkpoint}`;

  async function refreshPlates() {
    const kept = await S.store.read(platesKey);
    if (kept && Date.now() - kept.fetched_at < PLATES_MAX_AGE) return;
    try {
      const response = await S.fetchWithin(C.plates, { headers: { Accept: "application/json" } }, SEND_WAIT);
      if (response.ok) {
        await S.store.write(platesKey, { fetched_at: Date.now(), data: await response.json() });
      }
    } catch (error) {
      // kept copy stays
    }
  }

  // A vehicle registered here is a returning vehicle at once, network or not.
  async function remember(item) {
    if (!item.plate) return;
    const kept = (await S.store.read(platesKey)) || { fetched_at: 0, data: { plates: [], home_prefixes: [] } };
    const plates = kept.data.plates.filter((entry) => entry.plate !== item.plate);
    const before = kept.data.plates.find((entry) => entry.plate === item.plate);
    const prefill = {};
    for (const name of C.prefillKeys) prefill[name] = item[name];
    plates.unshift({ plate: item.plate, last_seen: item.occurred_at, times: (before ? before.times : 0) + 1, prefill });
    await S.store.write(platesKey, { ...kept, data: { ...kept.data, plates } });
  }

  async function offlineLookup() {
    const feedback = document.getElementById("plate-feedback");
    const typed = form.elements.plate.value.trim().toUpperCase();
    if (!typed) return;
    const plate = form.elements.province.value + typed;
    const kept = await S.store.read(platesKey);
    const data = kept ? kept.data : { plates: [], home_prefixes: [] };
    const local = data.home_prefixes.some((prefix) => plate.startsWith(prefix));
    const known = data.plates.find((entry) => entry.plate === plate);
    const summary = element("p", { class: `plate-summary${local ? "" : " out-of-town"}`, role: "status" });
    summary.append(element("strong", {}, `${plate.slice(0, 2)} · ${S.t(local ? "local" : "out_of_town")} · ${S.t("offline_lookup")}`));
    const parts = [summary];
    if (known) {
      const details = element("details", { open: "" });
      details.append(element("summary", {}, S.t("returning", { time: kept ? S.clock(kept.fetched_at) : "" })));
      const list = element("ul");
      list.append(element("li", {}, S.t("seen", { time: S.clock(known.last_seen), n: known.times })));
      details.append(list);
      const prefill = {};
      for (const [name, value] of Object.entries(known.prefill)) {
        if (value !== "" && value !== null) prefill[name] = String(value);
      }
      const script = element("script", { type: "application/json", id: "prefill-data" }, JSON.stringify(prefill));
      parts.push(details, script);
    } else {
      parts.push(element("p", { class: "muted" }, S.t("not_seen", { time: kept ? S.clock(kept.fetched_at) : "—" })));
    }
    feedback.replaceChildren(...parts);
    // The page's own returning-vehicle fill listens for this, as for the server's answer.
    feedback.dispatchEvent(new CustomEvent("plate:shown", { bubbles: true }));
  }

  // The page's plate lookup found no network, or no answer within its time.
  document.getElementById("plate-feedback").addEventListener("plate:unreachable", offlineLookup);

  window.addEventListener("online", () => {
    userChecked = false;
    send();
  });
  window.addEventListener("offline", render);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") send();
  });
  setInterval(render, 60000); // the oldest one's age moves on

  // The form takes a tap from here on (a tap keeps the passage, whatever the queue holds).
  if (performance.mark) performance.mark("shouwang-ready"); // bench_offline_page reads it
  render().then(() => {
    form.dataset.offlineReady = "1";
    if (navigator.onLine) send();
  });
  // After the first interaction is possible: the page kept by the worker, then the plates.
  S.installWorker(C.worker).then(refreshPlates);
})(window.Shouwang);

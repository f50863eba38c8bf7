/* Logbook autosave: saves a few seconds after typing stops, says "Saved at 14:32", and keeps
   the text in this browser (localStorage) until the server has it, so a lost session or
   connection loses nothing. Without this script the Save button does the same work. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch) { return; }
  var textarea = form.querySelector("textarea");
  var version = form.querySelector("input[name=base_version]");
  var csrf = form.querySelector("input[name=csrf_token]");
  var status = form.querySelector("[data-status]");
  var key = form.getAttribute("data-storage-key");
  var url = form.getAttribute("data-autosave");
  var DELAY = 2500;
  var timer = null;
  var saving = false;
  var again = false;
  var stopped = false;

  function say(message) { if (status) { status.textContent = message || ""; } }

  function keep() {
    try {
      localStorage.setItem(key, JSON.stringify({ text: textarea.value, base: version.value }));
    } catch (e) { /* storage full or blocked: the Save button still works */ }
  }

  function forget() {
    try { localStorage.removeItem(key); } catch (e) { /* nothing to forget */ }
  }

  function save() {
    if (stopped) { return; }
    if (saving) { again = true; return; }
    saving = true;
    var sent = textarea.value;
    var body = new FormData();
    body.append("text", sent);
    body.append("base_version", version.value);
    if (csrf) { body.append("csrf_token", csrf.value); }
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.value : "", "Accept": "application/json" },
      redirect: "manual"
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) { throw new Error("not json"); }
      return response.json().then(function (data) {
        return { ok: response.ok, code: response.status, data: data };
      });
    }).then(function (result) {
      if (result.ok) {
        version.value = result.data.version;
        if (textarea.value === sent) { forget(); } else { keep(); }
        say(result.data.message);
      } else {
        if (result.code === 409) { stopped = true; }
        keep();
        say(result.data.error);
      }
    }).catch(function () {
      keep();
      say(form.getAttribute("data-offline-message"));
    }).then(function () {
      saving = false;
      if (again) { again = false; save(); }
    });
  }

  textarea.addEventListener("input", function () {
    keep();
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(save, DELAY);
  });

  // The Save and Preview buttons send the text themselves; it stays kept here until the page
  // that comes back shows it, in case the session ended meanwhile.
  form.addEventListener("submit", function () {
    if (timer) { clearTimeout(timer); }
    stopped = true;
    keep();
  });

  // Text kept from an earlier visit (signed out, offline): put it back and save it now.
  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
  if (kept && typeof kept.text === "string" && kept.text !== textarea.value) {
    textarea.value = kept.text;
    version.value = kept.base;
    say(form.getAttribute("data-restored-message"));
    save();
  } else if (kept) {
    forget();
  }
}());

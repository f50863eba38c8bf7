/* Logbook autosave: saves a few seconds after typing stops, says "Saved at 14:32", and keeps
   the text in this browser (localStorage) until the server has it, so a lost session or
   connection loses nothing. Without this script the Save button does the same work.
   Signing out first sends any text still waiting here, then removes this person's text from
   the browser (a shared computer keeps nothing). While text waits, a cookie flag (no text in
   it) asks the server to load this script on every page, so sign-out can do that anywhere. */
(function () {
  "use strict";
  var FLAG = "herstart_kept";
  var SEND_TIMEOUT = 8000;
  var signOut = document.querySelector("form[data-sign-out]");
  var prefix = signOut ? signOut.getAttribute("data-storage-prefix") : null;

  function keptKeys() {
    var keys = [];
    if (!prefix) { return keys; }
    try {
      for (var i = 0; i < localStorage.length; i += 1) {
        var name = localStorage.key(i);
        if (name && name.indexOf(prefix) === 0) { keys.push(name); }
      }
    } catch (e) { /* storage blocked: nothing kept */ }
    return keys;
  }

  function flag(on) {
    document.cookie = FLAG + "=" + (on ? "1" : "") + "; path=/; SameSite=Lax" +
      (on ? "" : "; max-age=0");
  }

  function post(url, text, base, token) {
    var body = new FormData();
    body.append("text", text);
    body.append("base_version", base);
    if (token) { body.append("csrf_token", token); }
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token || "", "Accept": "application/json" },
      redirect: "manual"
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) { throw new Error("not json"); }
      return response.json().then(function (data) {
        return { ok: response.ok, code: response.status, data: data };
      });
    });
  }

  var editor = (function () {
    var form = document.querySelector("form[data-autosave]");
    if (!form || !window.fetch) { return null; }
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
    var idle = [];

    function say(message) { if (status) { status.textContent = message || ""; } }

    function keep() {
      try {
        localStorage.setItem(key, JSON.stringify({ text: textarea.value, base: version.value, url: url }));
        flag(true);
      } catch (e) { /* storage full or blocked: the Save button still works */ }
    }

    function forget() {
      try { localStorage.removeItem(key); } catch (e) { /* nothing to forget */ }
      if (!keptKeys().length) { flag(false); }
    }

    function save() {
      if (stopped) { return; }
      if (saving) { again = true; return; }
      saving = true;
      var sent = textarea.value;
      post(url, sent, version.value, csrf ? csrf.value : "").then(function (result) {
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
        if (again && !stopped) { again = false; save(); return; }
        while (idle.length) { idle.shift()(); }
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
      keep();
      say(form.getAttribute("data-restored-message"));
      save();
    } else if (kept) {
      forget();
    }

    return {
      say: say,
      // Sign-out: no more autosaves; resolves once a save under way has finished.
      settle: function () {
        if (timer) { clearTimeout(timer); }
        stopped = true;
        return new Promise(function (resolve) {
          if (saving) { idle.push(resolve); } else { resolve(); }
        });
      }
    };
  }());

  if (!signOut || !prefix) { return; }

  // Sends every text still kept for this person; true when the server has all of it.
  function sendKept() {
    var token = (signOut.querySelector("input[name=csrf_token]") || {}).value;
    var sends = keptKeys().map(function (name) {
      var kept = null;
      try { kept = JSON.parse(localStorage.getItem(name) || "null"); } catch (e) { kept = null; }
      if (!kept || typeof kept.text !== "string" || !kept.url) { return Promise.resolve(false); }
      return post(kept.url, kept.text, kept.base, token).then(function (result) {
        if (result.ok) { localStorage.removeItem(name); }
        return result.ok;
      }).catch(function () { return false; });
    });
    return Promise.all(sends).then(function (results) {
      return results.every(function (ok) { return ok; });
    });
  }

  function forgetAll() {
    keptKeys().forEach(function (name) {
      try { localStorage.removeItem(name); } catch (e) { /* already gone */ }
    });
    flag(false);
  }

  function warn(message) {
    if (editor) { editor.say(message); }
    var main = document.getElementById("main");
    if (!main) { return; }
    var notice = document.createElement("div");
    notice.className = "notice notice--error";
    notice.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.textContent = message;
    notice.appendChild(text);
    main.insertBefore(notice, main.firstChild);
  }

  var anyway = false;
  signOut.addEventListener("submit", function (event) {
    if (anyway || !window.fetch || !window.Promise) { forgetAll(); return; }
    event.preventDefault();
    var button = signOut.querySelector("button");
    if (button) { button.disabled = true; }
    var settled = editor ? editor.settle() : Promise.resolve();
    var sent = settled.then(sendKept);
    var late = new Promise(function (resolve) { setTimeout(resolve, SEND_TIMEOUT, false); });
    Promise.race([sent, late]).then(function (allSent) {
      if (button) { button.disabled = false; }
      if (allSent) {
        forgetAll();
        signOut.submit();
        return;
      }
      anyway = true;  // the next press signs out and removes the unsaved text
      warn(signOut.getAttribute("data-unsaved-message"));
    });
  });
}());

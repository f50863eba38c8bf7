/* Nothing lost. Logbook autosave: saves a few seconds after typing stops, says "Saved at 14:32",
   and keeps the text in this browser (localStorage) until the server has it, so a lost session or
   connection loses nothing. Without this script the Save button does the same work.
   Every other form with free text (`data-keep`, see _macros.html) keeps what is typed here too,
   per person, page and field, until the server says the form was sent (the herstart_sent cookie
   names the address it went to); opened again (a reload, or after signing in again), the page
   gets the text back with a short message. Without this script nothing changes.
   Signing out first sends any logbook text still waiting here, then removes this person's text
   from the browser (a shared computer keeps nothing). While text waits, a cookie flag (no text in
   it) asks the server to load this script on every page, so sign-out can do that anywhere. */
(function () {
  "use strict";
  var FLAG = "herstart_kept";
  var SEND_TIMEOUT = 8000;
  var signOut = document.querySelector("form[data-sign-out]");
  var prefix = signOut ? signOut.getAttribute("data-storage-prefix") : null;

  var KEEP = "keep:";  // form text: "keep:<person>:<page>|<form address>|<field>"
  var SENT = "herstart_sent";
  var KEEP_DAYS = 7;

  function storedKeys(start) {
    var keys = [];
    if (!start) { return keys; }
    try {
      for (var i = 0; i < localStorage.length; i += 1) {
        var name = localStorage.key(i);
        if (name && name.indexOf(start) === 0) { keys.push(name); }
      }
    } catch (e) { /* storage blocked: nothing kept */ }
    return keys;
  }

  function keptKeys() { return storedKeys(prefix); }

  function anythingKept() { return keptKeys().length > 0 || storedKeys(KEEP).length > 0; }

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
      if (!anythingKept()) { flag(false); }
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

  // Every other form with free text ----------------------------------------------------------
  var person = prefix ? prefix.split(":")[1] : "0";  // "logbook:<person>:"; "0" when signed out

  function readKept(name) {
    try { return JSON.parse(localStorage.getItem(name) || "null"); } catch (e) { return null; }
  }

  function drop(name) {
    try { localStorage.removeItem(name); } catch (e) { /* already gone */ }
  }

  // The server names the address of a form it has just saved (app.py): that text is home now.
  (function forgetSent() {
    var match = document.cookie.match(/(?:^|;\s*)herstart_sent=([^;]*)/);
    var sent = match ? decodeURIComponent(match[1]).replace(/^"|"$/g, "") : null;
    var old = Date.now() - KEEP_DAYS * 864e5;
    storedKeys(KEEP).forEach(function (name) {
      var kept = readKept(name);
      if (!kept || !(kept.at > old) || kept.action === sent) { drop(name); }
    });
    if (match) { document.cookie = SENT + "=; path=/; max-age=0; SameSite=Lax"; }
    if (!anythingKept()) { flag(false); }
  }());

  var SKIPPED = ["hidden", "password", "file", "submit", "button", "reset", "image"];

  function controlsOf(form) {
    var named = {};
    Array.prototype.forEach.call(form.elements, function (control) {
      var type = (control.type || "").toLowerCase();
      if (!control.name || control.name === "csrf_token" || SKIPPED.indexOf(type) !== -1) { return; }
      (named[control.name] = named[control.name] || []).push(control);
    });
    return named;
  }

  function valueOf(controls) {
    var type = controls[0].type;
    if (type === "radio" || type === "checkbox") {
      var chosen = controls.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
      return type === "radio" ? (chosen[0] || "") : chosen;
    }
    return controls[0].value;
  }

  function setValue(controls, value) {
    var type = controls[0].type;
    if (type === "radio" || type === "checkbox") {
      var chosen = [].concat(value);
      controls.forEach(function (c) { c.checked = chosen.indexOf(c.value) !== -1; });
    } else {
      controls[0].value = value;
    }
  }

  // The server trims text and writes line ends as "\n": such a difference is no change.
  function plain(value) {
    return typeof value === "string" ? value.replace(/\r\n?/g, "\n").trim() : value;
  }

  function same(a, b) { return JSON.stringify(plain(a)) === JSON.stringify(plain(b)); }

  function addressOf(form) {
    try {
      return new URL(form.getAttribute("action") || location.href, location.href).pathname;
    } catch (e) { return location.pathname; }
  }

  function putBackNotice(form, undo) {
    var notice = document.createElement("div");
    notice.className = "notice notice--info keep-notice";
    notice.setAttribute("role", "status");
    var text = document.createElement("p");
    var remove = document.createElement("button");
    remove.type = "button";
    remove.className = "link-button";
    remove.textContent = form.getAttribute("data-keep-discard");
    remove.addEventListener("click", function () {
      var first = undo();
      notice.parentNode.removeChild(notice);
      if (first) { first.focus(); }
    });
    notice.appendChild(text);
    notice.appendChild(remove);
    form.parentNode.insertBefore(notice, form);
    // Text added to a live region already in the page is announced.
    setTimeout(function () { text.textContent = form.getAttribute("data-keep-restored"); }, 100);
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-keep]"), function (form) {
    var action = addressOf(form);
    var base = KEEP + person + ":" + location.pathname + "|" + action + "|";
    var named = controlsOf(form);
    var names = Object.keys(named);
    var original = {};
    var putBack = [];
    names.forEach(function (name) {
      original[name] = valueOf(named[name]);
      var kept = readKept(base + name);
      if (kept && !same(kept.value, original[name])) {
        setValue(named[name], kept.value);
        putBack.push(name);
      }
    });

    function keep(name) {
      var value = valueOf(named[name]);
      try {
        if (same(value, original[name]) && putBack.indexOf(name) === -1) {
          localStorage.removeItem(base + name);
        } else {
          localStorage.setItem(base + name, JSON.stringify({ value: value, action: action, at: Date.now() }));
          flag(true);
        }
      } catch (e) { /* storage full or blocked: the form still works as before */ }
    }

    function changed(event) {
      var name = event.target && event.target.name;
      if (name && named[name]) { keep(name); }
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", function () { names.forEach(keep); });
    if (putBack.length) {
      putBackNotice(form, function () {
        putBack.forEach(function (name) {
          setValue(named[name], original[name]);
          drop(base + name);
        });
        if (!anythingKept()) { flag(false); }
        var first = named[putBack[0]][0];
        putBack = [];
        return first;
      });
    }
  });

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
    keptKeys().concat(storedKeys(KEEP)).forEach(function (name) {
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

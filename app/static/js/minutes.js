// Minutes editor: autosave, an unsaved-changes warning, and a Markdown preview.
// The page works without it: the form posts, the "Voorbeeld" button renders on the server.
(function () {
  "use strict";
  var form = document.getElementById("minutes-form");
  if (!form || !window.fetch) { return; }
  var textarea = form.querySelector("textarea[data-minutes-editor]");
  var base = document.getElementById("base_revision");
  var status = document.getElementById("minutes-status");
  var reason = form.querySelector("input[name=reason]");
  var preview = document.getElementById("minutes-preview");
  var previewBody = document.getElementById("minutes-preview-body");
  var previewButton = document.getElementById("preview-button");
  var saved = textarea.value;
  var timer = null;
  var busy = false;
  var lang = document.documentElement.lang || "nl";
  var T = lang.indexOf("en") === 0 ? {
    unsaved: "Unsaved changes", saving: "Saving…", saved: "Saved (version %s) at %t",
    failed: "Not saved: ", offline: "Not saved: no connection. Your text is still here."
  } : {
    unsaved: "Niet-bewaarde wijzigingen", saving: "Bezig met bewaren…", saved: "Bewaard (versie %s) om %t",
    failed: "Niet bewaard: ", offline: "Niet bewaard: geen verbinding. Uw tekst staat er nog."
  };

  function dirty() { return textarea.value !== saved; }
  function say(message) { if (status) { status.textContent = message; } }

  function save() {
    timer = null;
    // A locked item needs a reason: never autosave it, the secretary saves it on purpose.
    if (!dirty() || busy || reason) { return; }
    busy = true;
    var data = new FormData(form);
    data.set("autosave", "1");
    data.delete("preview");
    var sent = textarea.value;
    say(T.saving);
    fetch(form.action || window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (result) {
      busy = false;
      if (result.ok) {
        saved = sent;
        if (result.body.revision) { base.value = result.body.revision; }
        say(T.saved.replace("%s", result.body.revision || "–").replace("%t", result.body.saved_at || ""));
      } else {
        say(T.failed + (result.body.error || ""));
      }
      if (dirty()) { schedule(); }
    }).catch(function () { busy = false; say(T.offline); });
  }

  function schedule() {
    if (timer) { window.clearTimeout(timer); }
    timer = window.setTimeout(save, 4000);
  }

  textarea.addEventListener("input", function () { say(T.unsaved); schedule(); });
  form.addEventListener("submit", function () { saved = textarea.value; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty()) { event.preventDefault(); event.returnValue = ""; }
  });

  if (previewButton && preview) {
    previewButton.addEventListener("click", function (event) {
      event.preventDefault();
      var data = new FormData();
      data.set("text", textarea.value);
      data.set("csrf_token", form.querySelector("input[name=csrf_token]").value);
      fetch(form.getAttribute("data-preview-url"), {
        method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" }
      }).then(function (r) { return r.json(); }).then(function (body) {
        // The server sanitised this HTML (Markdown -> nh3), the same as every page does.
        previewBody.innerHTML = body.html;
        preview.hidden = false;
      });
    });
  }
})();

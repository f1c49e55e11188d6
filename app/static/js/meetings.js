/* Meetings: Markdown preview in the item editor, drag-and-drop ordering of the agenda.
   Everything here is an enhancement: the forms and up/down buttons work without it. */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) { return meta.getAttribute("content"); }
    var input = document.querySelector('input[name="csrf_token"]');
    return input ? input.value : "";
  }

  /* --- Markdown preview ------------------------------------------------------------------ */
  function setupPreview(editor) {
    var textarea = editor.querySelector("textarea");
    var preview = editor.querySelector(".markdown-preview");
    var url = editor.getAttribute("data-preview-url");
    if (!textarea || !preview || !url) { return; }
    var timer = null;
    function refresh() {
      var body = new FormData();
      body.append("text", textarea.value);
      fetch(url, {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (data) {
        if (!data) { return; }
        preview.innerHTML = data.html; /* sanitised on the server (Markdown + nh3) */
        preview.hidden = !textarea.value.trim();
      }).catch(function () { /* the preview is optional */ });
    }
    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    });
    if (textarea.value.trim()) { refresh(); }
  }

  /* --- drag and drop ---------------------------------------------------------------------- */
  function setupReorder(list) {
    var message = document.querySelector(".js-agenda-message");
    var dragged = null;

    function showError(text) {
      if (!message) { window.alert(text); return; }
      message.textContent = text;
      message.hidden = false;
    }

    list.addEventListener("dragstart", function (event) {
      var item = event.target.closest("li[data-move-url]");
      if (!item) { return; }
      dragged = item;
      item.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.id);
    });

    list.addEventListener("dragover", function (event) {
      if (!dragged) { return; }
      event.preventDefault();
      var over = event.target.closest("li[data-move-url]");
      if (!over || over === dragged) { return; }
      var box = over.getBoundingClientRect();
      var after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? over.nextSibling : over);
    });

    list.addEventListener("dragend", function () {
      if (!dragged) { return; }
      var item = dragged;
      dragged = null;
      item.classList.remove("is-dragging");
      var items = Array.prototype.slice.call(list.querySelectorAll(":scope > li[data-move-url]"));
      var position = items.indexOf(item) + 1;
      var body = new FormData();
      body.append("csrf_token", csrfToken());
      body.append("agenda_version", list.getAttribute("data-version"));
      body.append("position", String(position));
      fetch(item.getAttribute("data-move-url"), {
        method: "POST", body: body, credentials: "same-origin",
        headers: { "Accept": "application/json", "X-CSRFToken": csrfToken() }
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (result) {
        if (result.ok) {
          window.location.reload();
        } else {
          showError(result.data.error || "Verplaatsen mislukt.");
        }
      }).catch(function () { showError("Verplaatsen mislukt."); });
    });
  }

  document.querySelectorAll(".markdown-editor").forEach(setupPreview);
  document.querySelectorAll("ol.agenda--editable").forEach(setupReorder);
})();

/* Documents dropped onto an agenda item go into that item's "Documenten toevoegen" form, which is
   then sent as if chosen with its file field. An enhancement: the form works without it. */
(function () {
  "use strict";

  function carriesFiles(event) {
    var types = event.dataTransfer ? event.dataTransfer.types : null;
    return !!types && Array.prototype.indexOf.call(types, "Files") !== -1;
  }

  function setup(item) {
    var form = item.querySelector("form.attach-documents__form");
    var input = form ? form.querySelector('input[type="file"]') : null;
    if (!input) { return; }
    var hint = form.querySelector(".js-drop-hint");
    if (hint) { hint.hidden = false; }

    item.addEventListener("dragover", function (event) {
      if (!carriesFiles(event)) { return; }
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      item.classList.add("is-drop-target");
    });
    item.addEventListener("dragleave", function (event) {
      if (!item.contains(event.relatedTarget)) { item.classList.remove("is-drop-target"); }
    });
    item.addEventListener("drop", function (event) {
      if (!carriesFiles(event) || !event.dataTransfer.files.length) { return; }
      event.preventDefault();
      item.classList.remove("is-drop-target");
      input.files = event.dataTransfer.files;
      var details = form.closest("details");
      if (details) { details.open = true; }
      item.classList.add("is-uploading");
      if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
    });
  }

  document.querySelectorAll("li[data-attach-url]").forEach(setup);
})();

/* Beheer, new body: the short name (slug) follows the name as it is typed, until someone edits the
   slug itself. The server makes the same slug from the name when the field is left empty. */
(function () {
  "use strict";

  function slugify(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").slice(0, 60).replace(/^-+|-+$/g, "");
  }

  function free(base, taken) {
    if (!base) { return ""; }
    var candidate = base, n = 1;
    while (taken.indexOf(candidate) !== -1) { n += 1; candidate = base + "-" + n; }
    return candidate;
  }

  document.querySelectorAll("input[data-slug-from]").forEach(function (slug) {
    var source = document.getElementById(slug.getAttribute("data-slug-from"));
    if (!source) { return; }
    var taken = (slug.getAttribute("data-taken") || "").split(" ");
    // Untouched: empty, or (a refused form given back) what the name makes; else typed by hand.
    var suggested = !slug.value || slug.value === free(slugify(source.value), taken) ? slug.value : null;
    source.addEventListener("input", function () {
      if (slug.value !== suggested) { return; }  // the slug was edited by hand: leave it
      suggested = free(slugify(source.value), taken);
      slug.value = suggested;
    });
  });
}());

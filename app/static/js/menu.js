/* The site menu (a <details> in the header). Without this script it works as it is: folded behind
   "Menu" on a phone, always open when wider. The script closes it with Escape, returning focus to
   the toggle, and opens it on wide screens in browsers that cannot style a closed <details> open. */
(function () {
  "use strict";
  var menu = document.querySelector("[data-site-menu]");
  if (!menu) { return; }
  var toggle = menu.querySelector("summary");
  var wide = window.matchMedia("(min-width: 40.0625rem)");

  function follow() { if (wide.matches) { menu.open = true; } }
  if (!CSS.supports || !CSS.supports("selector(::details-content)")) {
    follow();
    wide.addEventListener("change", follow);
  }
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && !wide.matches) {
      menu.open = false;
      toggle.focus();
    }
  });
}());

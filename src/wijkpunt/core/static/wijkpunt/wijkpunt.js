/* Wijkpunt's small page script: every page works without it.
   - After a form error, focus goes to the error summary (it is at the top of the form, with
     role="alert", for those without JavaScript); its links move focus to the field.
   - On a wide screen the header menu is open (on a phone it is a <details> disclosure). */
(function () {
  "use strict";

  var summary = document.querySelector("[data-wp-error-summary]");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      var label = document.querySelector("label[for='" + field.id + "']");
      (label || field).scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    });
  }

  var menu = document.querySelector("[data-wp-menu]");
  if (menu && window.matchMedia) {
    var wide = window.matchMedia("(min-width: 48rem)");
    var sync = function () { menu.open = wide.matches; };
    sync();
    if (wide.addEventListener) wide.addEventListener("change", sync);
  }
})();

/* The signal page's action area. Without this script every tab is a link that reloads the
   page with one form shown, and the hand-over is a two-step form; with it, tabs switch at
   once and the list of teams and people follows the organisation chosen. */
(function () {
  "use strict";

  function tabs() {
    var area = document.getElementById("actions");
    if (!area) return;
    var links = area.querySelectorAll("[data-tab]");
    var panels = area.querySelectorAll("[data-panel]");
    function show(key, focus) {
      panels.forEach(function (p) { p.hidden = p.getAttribute("data-panel") !== key; });
      links.forEach(function (a) {
        if (a.getAttribute("data-tab") === key) a.setAttribute("aria-current", "true");
        else a.removeAttribute("aria-current");
      });
      if (focus) {
        var first = area.querySelector("[data-panel='" + key + "'] textarea, [data-panel='" + key + "'] select, [data-panel='" + key + "'] input:not([type=hidden])");
        if (first) first.focus();
      }
    }
    links.forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        var key = a.getAttribute("data-tab");
        show(key, true);
        if (window.history && window.history.replaceState) {
          window.history.replaceState(null, "", "?tab=" + encodeURIComponent(key) + "#actions");
        }
      });
    });
  }

  function assign() {
    var form = document.querySelector("[data-assign-form]");
    if (!form) return;
    var organisation = form.querySelector("[data-assign-organisation]");
    var choices = form.querySelector("[data-assign-choices]");
    var choicesFor = form.querySelector("input[name=choices_for]");
    var step = form.querySelector("[data-assign-step]");
    var reason = form.querySelector("[data-assign-reason]");
    var owner = form.getAttribute("data-owner");
    if (!organisation || !choices || !choicesFor) return;
    if (step) step.hidden = true;
    function showReason() {
      if (reason) reason.hidden = !(owner && organisation.value && organisation.value !== owner);
    }
    showReason();
    organisation.addEventListener("change", function () {
      showReason();
      var value = organisation.value;
      choices.disabled = true;
      if (!value) {
        choicesFor.value = "";
        choices.disabled = false;
        return;
      }
      var url = form.getAttribute("data-choices-url") + "?organisation=" + encodeURIComponent(value);
      fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.text();
        })
        .then(function (html) {
          var template = document.createElement("template");
          template.innerHTML = html;
          choices.replaceChildren(template.content);
          choicesFor.value = value;
        })
        .catch(function () {
          // Without the list the organisation itself takes it (the server ignores a stale list).
          if (step) step.hidden = false;
        })
        .finally(function () { choices.disabled = false; });
    });
  }

  function start() { tabs(); assign(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

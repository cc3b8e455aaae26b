/* Keyboard use of the inbox: j/k move between rows, Enter/o opens, x ticks, / searches,
   ? shows the shortcuts. Not active while typing in a field. Progressive enhancement only:
   everything also works with the mouse, Tab and without JavaScript. */
(function () {
  "use strict";
  function typing(target) {
    if (!target) return false;
    var tag = target.tagName;
    return target.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }
  function rows() { return Array.prototype.slice.call(document.querySelectorAll("[data-inbox-row]")); }
  function current(list) {
    var active = document.activeElement;
    for (var i = 0; i < list.length; i++) {
      if (list[i] === active || list[i].contains(active)) return i;
    }
    return -1;
  }
  function focusRow(list, index) {
    if (!list.length) return;
    index = Math.max(0, Math.min(list.length - 1, index));
    list[index].focus();
    list[index].scrollIntoView({ block: "nearest" });
  }
  function showHelp() {
    var dialog = document.getElementById("inbox-shortcuts");
    if (dialog && typeof dialog.showModal === "function") {
      if (!dialog.open) dialog.showModal();
    } else {
      var doc = document.querySelector(".inbox-shortcuts-doc");
      if (doc) { doc.open = true; doc.scrollIntoView(); }
    }
  }
  function start() {
    var button = document.querySelector("[data-inbox-shortcuts]");
    if (button) {
      button.hidden = false;
      button.addEventListener("click", showHelp);
    }
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (typing(event.target)) {
        if (event.key === "Escape") event.target.blur();
        return;
      }
      var dialog = document.getElementById("inbox-shortcuts");
      if (dialog && dialog.open) return;
      var list = rows();
      var index = current(list);
      switch (event.key) {
        case "j":
          focusRow(list, index + 1); break;
        case "k":
          focusRow(list, index < 0 ? 0 : index - 1); break;
        case "o":
        case "Enter":
          if (index < 0) return;
          if (event.key === "Enter" && event.target.tagName === "A") return;
          var link = list[index].querySelector("[data-inbox-open]");
          if (link) window.location.href = link.href;
          break;
        case "x":
          if (index < 0) return;
          var box = list[index].querySelector("input[type=checkbox]");
          if (box) box.checked = !box.checked;
          break;
        case "/":
          var search = document.querySelector("[data-inbox-search]");
          if (search) search.focus();
          break;
        case "?":
          showHelp(); break;
        default:
          return;
      }
      event.preventDefault();
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

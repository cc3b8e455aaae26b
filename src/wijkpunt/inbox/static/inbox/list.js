/* The signal list: the bulk-assign bar appears when rows are ticked, the quick filters apply
   at once, and the other filters are open on a wide screen (closed on a phone). Without this
   script the bar is always there and the filters apply with the Search button. */
(function () {
  "use strict";
  function start() {
    var list = document.querySelector("[data-inbox-list]");
    var bar = document.querySelector("[data-inbox-bulk]");
    var count = document.querySelector("[data-inbox-bulk-count]");
    if (list && bar) {
      var update = function () {
        var ticked = list.querySelectorAll("input[name=signals]:checked").length;
        bar.hidden = ticked === 0;
        if (count) count.textContent = ticked ? String(ticked) + " ✓" : "";
      };
      list.addEventListener("change", update);
      update();
    }
    document.querySelectorAll("[data-inbox-autosubmit]").forEach(function (box) {
      box.addEventListener("change", function () { if (box.form) box.form.submit(); });
    });
    var more = document.querySelector("[data-inbox-filters]");
    if (more && window.matchMedia && window.matchMedia("(min-width: 64rem)").matches) {
      // Wide screens have room for the filters, but they stay one click away when empty.
      if (more.querySelector("input:checked")) more.open = true;
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

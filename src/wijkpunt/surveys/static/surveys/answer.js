/* The respondent's survey pages. Everything works without this script; with it:
   - the code from the letter's QR code (after the "#", which never reaches the server) is put
     into the code field and removed from the address bar;
   - questions whose show-if conditions do not hold are hidden and their fields disabled — the
     same rules as wijkpunt/surveys/conditions.py (the server decides: it drops answers that
     do not apply);
   - what is typed is kept in this browser's localStorage, per wave, until it is sent: a
     respondent can stop and continue later on the same device. Nothing of it goes to the
     server before "Send". */
(function () {
  "use strict";

  // --- show-if: a copy of conditions.holds --------------------------------------------------

  function pyStr(value) {
    if (value === null) return "None";
    if (value === true) return "True";
    if (value === false) return "False";
    return String(value);
  }

  // Decimal(str(value)) in Python: a number, or null when it is not one.
  function toNumber(value) {
    var text = pyStr(value).trim().replace(/_/g, "");
    if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return parseFloat(text);
    if (/^[+-]?inf(inity)?$/i.test(text)) return text.charAt(0) === "-" ? -Infinity : Infinity;
    return null;
  }

  function isEmpty(given) {
    return given === undefined || given === null || given === "" ||
      (Array.isArray(given) && given.length === 0);
  }

  function ruleHolds(rule, answers) {
    var op = rule.op;
    var value = Object.prototype.hasOwnProperty.call(rule, "value") ? pyStr(rule.value) : "";
    var given = answers[rule.question === undefined ? "" : rule.question];
    var empty = isEmpty(given);
    if (op === "answered") return !empty;
    if (op === "not_answered") return empty;
    if (empty) return op === "ne" || op === "not_selected";
    if (op === "selected" || op === "not_selected") {
      var chosen = (Array.isArray(given) ? given : [given]).map(pyStr);
      return (chosen.indexOf(value) !== -1) === (op === "selected");
    }
    if (op === "eq" || op === "ne") {
      var same;
      if (Array.isArray(given)) {
        same = given.map(pyStr).indexOf(value) !== -1;
      } else {
        var a = toNumber(given), b = toNumber(value);
        same = a !== null && b !== null ? a === b : pyStr(given) === value;
      }
      return same === (op === "eq");
    }
    if (op === "gt" || op === "ge" || op === "lt" || op === "le") {
      var x = toNumber(given), y = toNumber(value);
      if (x === null || y === null) return false;
      return { gt: x > y, ge: x >= y, lt: x < y, le: x <= y }[op];
    }
    return true; // an unknown operator: the builder refuses it; show the question
  }

  function holds(condition, answers) {
    var rules = (condition && condition.rules) || [];
    if (!rules.length) return true;
    var results = rules.map(function (rule) { return ruleHolds(rule, answers); });
    if (condition.mode === "any") return results.indexOf(true) !== -1;
    return results.indexOf(false) === -1;
  }

  // --- the questionnaire -----------------------------------------------------------------------

  function valueOf(element) {
    var name = element.getAttribute("data-field");
    var inputs = Array.prototype.filter.call(
      element.querySelectorAll("input, textarea, select"),
      function (input) { return input.name === name; }
    );
    if (!inputs.length) return undefined;
    var first = inputs[0];
    if (first.type === "checkbox") {
      return inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
    }
    if (first.type === "radio") {
      var checked = inputs.filter(function (i) { return i.checked; })[0];
      return checked ? checked.value : undefined;
    }
    var text = first.value.trim();
    if (first.classList.contains("sv-number")) text = text.replace(",", ".").replace(/ /g, "");
    return text;
  }

  // Walk the questions in order, as the server does: a condition sees the answers to the
  // questions before it that apply; what is hidden is disabled, so it is not sent.
  function evaluate(root) {
    var answers = {};
    var items = root.querySelectorAll("[data-show-if], [data-question]");
    Array.prototype.forEach.call(items, function (element) {
      var parent = element.parentElement && element.parentElement.closest("[data-sv-hidden]");
      var shown = !parent;
      if (shown && element.hasAttribute("data-show-if")) {
        try {
          shown = holds(JSON.parse(element.getAttribute("data-show-if")), answers);
        } catch (error) {
          shown = true;
        }
      }
      element.hidden = !shown;
      element.toggleAttribute("data-sv-hidden", !shown);
      if (shown && element.hasAttribute("data-question")) {
        var value = valueOf(element);
        if (!isEmpty(value)) answers[element.getAttribute("data-question")] = value;
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-question] input, [data-question] textarea"),
      function (input) { input.disabled = !!input.closest("[data-sv-hidden]"); });
    return answers;
  }

  // --- keeping answers on this device ------------------------------------------------------

  var PREFIX = "wijkpunt:survey:";
  var MAX_AGE = 90 * 24 * 3600 * 1000;
  var NOT_ANSWERS = ["csrfmiddlewaretoken", "step", "language", "code", "switch_to"];

  function storage() {
    try {
      var s = window.localStorage;
      s.setItem(PREFIX + "probe", "1");
      s.removeItem(PREFIX + "probe");
      return s;
    } catch (error) {
      return null;
    }
  }

  function readDraft(store, key) {
    try {
      var draft = JSON.parse(store.getItem(PREFIX + key) || "null");
      if (draft && draft.at && Date.now() - draft.at > MAX_AGE) {
        store.removeItem(PREFIX + key);
        return null;
      }
      return draft;
    } catch (error) {
      return null;
    }
  }

  function typedIn(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || NOT_ANSWERS.indexOf(el.name) !== -1 || el.tagName === "BUTTON") return;
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) return;
      if (el.type !== "radio" && el.type !== "checkbox" && !el.value) return;
      (values[el.name] = values[el.name] || []).push(el.value);
    });
    return values;
  }

  function fillIn(form, values) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || NOT_ANSWERS.indexOf(el.name) !== -1 || el.tagName === "BUTTON") return;
      var given = values[el.name] || [];
      if (el.type === "radio" || el.type === "checkbox") el.checked = given.indexOf(el.value) !== -1;
      else el.value = given[0] || "";
    });
  }

  function setUpForm(form) {
    var store = storage();
    var key = form.getAttribute("data-sv-draft");
    var codeField = form.querySelector("[data-sv-code]");
    var code = codeField ? codeField.value : "";
    if (store && key) {
      var note = form.querySelector("[data-sv-draft-note]");
      if (note) note.hidden = false;
      var draft = readDraft(store, key);
      if (form.hasAttribute("data-sv-fresh") && draft && draft.values &&
          (draft.code || "") === code && Object.keys(draft.values).length) {
        fillIn(form, draft.values);
        var restored = form.querySelector("[data-sv-restored]");
        if (restored) restored.hidden = false;
      }
    }
    var save = function () {
      evaluate(form);
      if (!store || !key) return;
      try {
        store.setItem(PREFIX + key, JSON.stringify({ code: code, values: typedIn(form), at: Date.now() }));
      } catch (error) { /* full or refused: the form still works */ }
    };
    evaluate(form);
    if (!form.hasAttribute("data-sv-fresh")) save();
    form.addEventListener("input", save);
    form.addEventListener("change", save);
  }

  // --- the code page -----------------------------------------------------------------------

  function setUpCodeForm(form) {
    var field = form.querySelector("[data-sv-code]");
    if (!field) return;
    var hash = window.location.hash.slice(1);
    if (hash) {
      var typed = "";
      try { typed = decodeURIComponent(hash); } catch (error) { typed = ""; }
      if (/^[A-Za-z0-9 -]{4,24}$/.test(typed)) {
        field.value = typed.toUpperCase();
        // The code leaves the address bar (and the history): it stays only in the field.
        window.history.replaceState(null, "", window.location.pathname + window.location.search);
      }
    }
    var store = storage();
    var box = document.querySelector("[data-sv-continue]");
    if (!store || !box) return;
    var latest = null, latestKey = null;
    for (var i = store.length - 1; i >= 0; i--) {
      var name = store.key(i);
      if (!name || name.indexOf(PREFIX + "wave:") !== 0) continue;
      var draft = readDraft(store, name.slice(PREFIX.length));
      if (draft && draft.code && (!latest || draft.at > latest.at)) {
        latest = draft;
        latestKey = name;
      }
    }
    if (!latest) return;
    box.hidden = false;
    box.querySelector("[data-sv-continue-button]").addEventListener("click", function () {
      field.value = latest.code;
      form.submit();
    });
    box.querySelector("[data-sv-forget-button]").addEventListener("click", function () {
      store.removeItem(latestKey);
      box.hidden = true;
    });
  }

  function clearDrafts() {
    var store = storage();
    if (!store) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-sv-clear-draft]"), function (el) {
      var key = el.getAttribute("data-sv-clear-draft");
      if (key) store.removeItem(PREFIX + key);
    });
  }

  window.WijkpuntSurvey = { holds: holds, evaluate: evaluate };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-sv-form]"), setUpForm);
    Array.prototype.forEach.call(document.querySelectorAll("[data-sv-code-form]"), setUpCodeForm);
    clearDrafts();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* Occupation search field (matching/widgets.py): choose a hit to fill the text and the hidden
   ESCO URI; typing something else clears the URI. Event delegation, so rows added later work. */
(function () {
  if (window.werkpadOccupation) return;
  window.werkpadOccupation = true;

  function field(el) { return el.closest("[data-occupation-field]"); }
  function input(box) { return box.querySelector("[data-occupation-input]"); }
  function uriInput(inp) {
    var form = inp.form;
    var el = form ? form.elements.namedItem(inp.dataset.uriName) : null;
    return el && el.tagName ? el : null;
  }
  function options(box) { return Array.prototype.slice.call(box.querySelectorAll("[data-occupation-option]")); }
  function close(box) {
    var list = box.querySelector(".occupation-options");
    if (list) list.innerHTML = "";
    input(box).setAttribute("aria-expanded", "false");
  }
  function choose(option) {
    var box = field(option), inp = input(box), uri = uriInput(inp);
    inp.value = option.dataset.label;
    inp.dataset.chosen = option.dataset.label;
    if (uri) uri.value = option.dataset.uri;
    close(box);
    inp.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-occupation-input]").forEach(function (inp) { inp.dataset.chosen = inp.value; });
  });
  document.addEventListener("input", function (e) {
    var inp = e.target;
    if (!inp.matches || !inp.matches("[data-occupation-input]")) return;
    var uri = uriInput(inp);
    if (uri && inp.value !== inp.dataset.chosen) uri.value = "";
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    var box = field(e.target);
    if (box) input(box).setAttribute("aria-expanded", options(box).length ? "true" : "false");
  });
  document.addEventListener("click", function (e) {
    var option = e.target.closest && e.target.closest("[data-occupation-option]");
    if (option) { choose(option); return; }
    document.querySelectorAll("[data-occupation-field]").forEach(function (box) {
      if (!box.contains(e.target)) close(box);
    });
  });
  document.addEventListener("keydown", function (e) {
    var box = e.target.closest && e.target.closest("[data-occupation-field]");
    if (!box) return;
    var list = options(box), at = list.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && list.length) {
      e.preventDefault(); list[Math.min(at + 1, list.length - 1)].focus();
    } else if (e.key === "ArrowUp" && list.length) {
      e.preventDefault(); if (at <= 0) input(box).focus(); else list[at - 1].focus();
    } else if (e.key === "Enter" && at >= 0) {
      e.preventDefault(); choose(list[at]);
    } else if (e.key === "Escape") {
      close(box); input(box).focus();
    }
  });
})();

// Small behaviours without inline handlers (the Content-Security-Policy allows no inline script).
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el instanceof HTMLSelectElement && el.hasAttribute("data-submit-on-change") && el.form) {
    el.form.submit();
  }
});
document.addEventListener("click", (event) => {
  const el = event.target instanceof Element ? event.target.closest("[data-print]") : null;
  if (el) {
    window.print();
  }
});
// Forms that delete or withdraw something ask first: <form data-confirm="Remove …?">. The
// browser's own dialog is keyboard- and screen-reader-accessible; without script the server
// still records every removal in the history.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) {
    return;
  }
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  // The caseload search keeps the filters in force, also after htmx changed them in place
  // (the address bar then holds them, not the form's action from page load).
  if (form.hasAttribute("data-keep-query")) {
    const url = new URL(form.action, window.location.href);
    url.search = window.location.search;
    url.searchParams.delete("page");
    form.action = url.toString();
  }
});

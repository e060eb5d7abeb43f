// Live reading-grade feedback for family-facing text in the admin (no inline script: CSP).
(function () {
  "use strict";

  function attach(textarea) {
    var url = textarea.getAttribute("data-reading-grade-url");
    var target = parseFloat(textarea.getAttribute("data-reading-grade-target") || "8");
    var form = textarea.form;
    var tokenInput = form ? form.querySelector("input[name=csrfmiddlewaretoken]") : null;
    var output = document.createElement("p");
    output.className = "help reading-grade";
    output.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", output);
    var timer = null;

    function show(grade) {
      if (grade === null || grade === undefined) {
        output.textContent = "Reading grade: write a few sentences to measure it.";
        return;
      }
      var ok = grade <= target;
      output.textContent = "Reading grade " + grade.toFixed(1) + (ok
        ? " (good: at or below grade " + target + ")."
        : " (too hard: aim for grade " + target + " or below; use shorter sentences and words).");
      output.style.color = ok ? "" : "#ba2121";
    }

    function measure() {
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/json",
          "X-CSRFToken": tokenInput ? tokenInput.value : ""
        },
        body: JSON.stringify({ text: textarea.value })
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data) { show(data.grade); } })
        .catch(function () { output.textContent = "Reading grade unavailable right now."; });
    }

    textarea.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(measure, 600);
    });
    measure();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-reading-grade-url]").forEach(attach);
  });
})();

// Fills the <datalist> of the condition and phenotype boxes from our own JSON endpoint.
(function () {
  "use strict";
  function lastTerm(value, multi) {
    if (!multi) return value.trim();
    var parts = value.split(",");
    return parts[parts.length - 1].trim();
  }
  document.querySelectorAll("input[data-autocomplete]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var multi = input.dataset.multi === "1";
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var term = lastTerm(input.value, multi);
      if (term.length < 2) return;
      timer = setTimeout(function () {
        fetch(input.dataset.autocomplete + "?q=" + encodeURIComponent(term), {credentials: "same-origin"})
          .then(function (r) { return r.ok ? r.json() : {suggestions: []}; })
          .then(function (data) {
            list.replaceChildren();
            var head = multi ? input.value.slice(0, input.value.lastIndexOf(",") + 1) : "";
            data.suggestions.forEach(function (s) {
              var option = document.createElement("option");
              option.value = (head ? head + " " : "") + s.value;
              option.label = s.label;
              list.appendChild(option);
            });
          });
      }, 200);
    });
  });
})();

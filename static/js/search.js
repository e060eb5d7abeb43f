// Autocomplete for every search box that has data-autocomplete-url. Progressive enhancement:
// without this script the forms still submit to /search; with it, suggestions appear as you type.
(function () {
  "use strict";
  if (!window.fetch) return;

  function enhance(input, index) {
    const url = input.dataset.autocompleteUrl;
    const list = document.createElement("ul");
    list.id = "search-suggestions-" + index;
    list.className = "search-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.insertAdjacentElement("afterend", list);
    let timer = null;
    let controller = null;

    function clear() {
      list.replaceChildren();
      list.hidden = true;
    }

    function show(suggestions) {
      list.replaceChildren();
      for (const s of suggestions) {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        const a = document.createElement("a");
        a.href = s.url;
        a.textContent = s.name;
        const detail = document.createElement("span");
        detail.className = "search-suggestion-detail";
        detail.textContent = " " + s.type + " · " + s.id;
        li.append(a, detail);
        list.append(li);
      }
      list.hidden = suggestions.length === 0;
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) return clear();
      timer = setTimeout(function () {
        if (controller) controller.abort();
        controller = new AbortController();
        fetch(url + "?q=" + encodeURIComponent(q), {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) { show(data.results || []); })
          .catch(function () { /* aborted or offline: the plain form still works */ });
      }, 150);
    });
    input.addEventListener("keydown", function (e) { if (e.key === "Escape") clear(); });
    input.addEventListener("blur", function () { setTimeout(clear, 200); });
  }

  document.querySelectorAll("input[data-autocomplete-url]").forEach(enhance);
})();

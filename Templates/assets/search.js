// Passerelle: starts Pagefind's search interface (from the site's own pagefind/ folder) on the search page.
(function () {
  "use strict";
  var element = document.getElementById("_recherche");
  if (!element || typeof PagefindUI === "undefined") return;
  var fallback = document.querySelector("[data-search-fallback]");
  if (fallback) fallback.hidden = true;
  // Results link from the site's root wherever the site is hosted (a sub-folder too).
  var base = new URL(element.getAttribute("data-root") || "./", window.location.href).pathname;
  var ui = new PagefindUI({ element: "#_recherche", bundlePath: element.getAttribute("data-bundle"), baseUrl: base,
    showSubResults: true, showImages: false });
  // The field gets a name of its own (Pagefind's has only a placeholder).
  var input = element.querySelector("input");
  if (input) input.setAttribute("aria-label", element.getAttribute("data-label"));
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();

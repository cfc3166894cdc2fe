// Passerelle: filters and sorts the card list in place, from the index the build writes (fiches/index.json).
// Without this script the list is complete: its filters and orders are links to generated pages.
(function () {
  "use strict";
  var finder = document.getElementById("_fiches");
  if (!finder || !window.fetch) return;
  var root = finder.getAttribute("data-root") || "";
  var list = document.getElementById("_liste");
  var status = finder.querySelector(".result-count");

  function text(tag, value, className) {
    var element = document.createElement(tag);
    element.textContent = value;
    if (className) element.className = className;
    return element;
  }

  function item(card) {
    var li = document.createElement("li");
    var h3 = document.createElement("h3");
    var a = text("a", card.t);
    a.href = root + card.u;
    h3.appendChild(a);
    li.appendChild(h3);
    if (card.st) li.appendChild(text("p", card.st, "subtitle"));
    if (card.s) li.appendChild(text("p", card.s));
    if (card.f && card.f.length) {
      var dl = document.createElement("dl");
      dl.className = "key-facts";
      card.f.forEach(function (fact) {
        var div = document.createElement("div");
        div.appendChild(text("dt", fact[0]));
        div.appendChild(text("dd", fact[1]));
        dl.appendChild(div);
      });
      li.appendChild(dl);
    }
    return li;
  }

  fetch(finder.getAttribute("data-index")).then(function (response) {
    if (!response.ok) throw new Error(response.status);
    return response.json();
  }).then(function (index) {
    var labels = index.labels;
    var form = document.createElement("form");
    form.className = "filter-form";
    form.setAttribute("data-card-filters", "");
    form.setAttribute("aria-label", labels.filters);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var selects = {};
    function field(id, label, options, selected) {
      var wrapper = document.createElement("p");
      var select = document.createElement("select");
      select.id = "_filtre-" + id;
      select.name = id;
      var name = text("label", label);
      name.htmlFor = select.id;
      options.forEach(function (option) {
        var element = text("option", option[1]);
        element.value = option[0];
        if (option[0] === selected) element.selected = true;
        select.appendChild(element);
      });
      select.addEventListener("change", function () { shown = index.page_size; remember(); update(); });
      wrapper.appendChild(name);
      wrapper.appendChild(select);
      form.appendChild(wrapper);
      selects[id] = select;
    }
    var facet = finder.getAttribute("data-facet"), value = finder.getAttribute("data-value");
    // The choices are kept in the address (?region=normandie&sort=annee): back, reload and a shared link find them.
    var query = new URLSearchParams(window.location.search);
    var chosen = query.toString() !== "";
    index.facets.forEach(function (f) {
      if (!f.values.length) return;
      var initial = chosen ? (query.get(f.id) || "") : (f.id === facet ? value : "");
      field(f.id, f.label, [["", f.all || labels.all]].concat(f.values), initial);
    });
    field("sort", labels.sort, index.sorts.map(function (s) { return [s.id, s.label]; }),
          query.get("sort") || finder.getAttribute("data-sort"));
    var heading = document.querySelector("main h1");
    var more = text("button", labels.more);
    more.type = "button";
    more.className = "show-more";
    var shown = index.page_size;
    more.addEventListener("click", function () { shown += index.page_size; update(); });

    // After a change the page is no longer one filter's page: its heading becomes the list's, its address the choices.
    function remember() {
      var params = new URLSearchParams();
      Object.keys(selects).forEach(function (id) {
        if (selects[id].value && !(id === "sort" && selects[id].selectedIndex === 0)) params.set(id, selects[id].value);
      });
      var search = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
      if (heading && labels.heading) heading.textContent = labels.heading;
    }

    function update() {
      var order = index.sorts.filter(function (s) { return s.id === selects.sort.value; })[0].order;
      var matching = order.filter(function (position) {
        var keys = index.cards[position].k;
        return index.facets.every(function (f) {
          var wanted = selects[f.id] && selects[f.id].value;
          return !wanted || (keys[f.id] || []).indexOf(wanted) >= 0;
        });
      });
      list.textContent = "";
      matching.slice(0, shown).forEach(function (position) { list.appendChild(item(index.cards[position])); });
      more.hidden = matching.length <= shown;
      var singular = String(labels.singular || "1").split(",").map(function (n) { return Number(n.trim()); });
      var count = (singular.indexOf(matching.length) >= 0 ? labels.count_one : labels.count_many).replace("{n}", String(matching.length));
      status.textContent = count;
    }

    Array.prototype.forEach.call(finder.querySelectorAll("[data-cards-static]"), function (element) { element.hidden = true; });
    finder.insertBefore(form, finder.firstChild);
    list.parentNode.insertBefore(more, list.nextSibling);
    update();
  }).catch(function () { /* The links stay: the list works without the script. */ });
})();

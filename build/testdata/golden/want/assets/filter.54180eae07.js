// Chronicle's filters: narrow a chronology page by kind, status, storyline,
// place, actor and words, with the state in the URL query so that a view can
// be shared and the back button works. Without this script the form stays
// hidden and the taxonomy pages do the same job with plain links.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form || !window.URLSearchParams) return;
  var items = Array.prototype.slice.call(document.querySelectorAll("article.event"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.day, section.month"));
  var count = document.getElementById("filter-count");
  var clear = document.getElementById("filter-clear");
  var facets = ["kind", "status", "story", "place", "actor"];
  var keys = facets.concat("q");

  function norm(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ");
  }
  // The searchable text of each entry, read once: its title, summary,
  // places and (from data-pub) its sources' publishers.
  var text = items.map(function (el) {
    return norm(el.textContent + " " + (el.getAttribute("data-pub") || ""));
  });

  // The full text of the notes comes from search/*.json, one file per month
  // on the page, fetched from this site on the first search only.
  var full = {}, loading = false;
  function loadText(then) {
    if (loading || !window.fetch) return;
    loading = true;
    var urls = sections.map(function (s) { return s.getAttribute("data-search"); }).filter(Boolean);
    Promise.all(urls.map(function (u) {
      return fetch(u).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
    })).then(function (parts) {
      parts.forEach(function (p) { for (var id in p) full[id] = norm(p[id]); });
      items.forEach(function (el, i) { if (full[el.id]) text[i] += " " + full[el.id]; });
      then();
    });
  }

  function fromURL() {
    var q = new URLSearchParams(location.search), st = {};
    keys.forEach(function (k) { st[k] = q.get(k) || ""; });
    return st;
  }
  function fromForm() {
    var st = {};
    keys.forEach(function (k) { st[k] = form.elements[k].value.trim(); });
    return st;
  }
  function toForm(st) {
    keys.forEach(function (k) { form.elements[k].value = st[k]; });
  }
  function toURL(st) {
    var q = new URLSearchParams();
    keys.forEach(function (k) { if (st[k]) q.set(k, st[k]); });
    var s = q.toString();
    return location.pathname + (s ? "?" + s : "");
  }
  function apply(st) {
    if (st.q) loadText(function () { apply(fromForm()); });
    var words = norm(st.q).split(" ").filter(Boolean), shown = 0;
    items.forEach(function (el, i) {
      var ok = facets.every(function (f) {
        return !st[f] || (" " + (el.getAttribute("data-" + f) || "") + " ").indexOf(" " + st[f] + " ") >= 0;
      }) && words.every(function (w) { return text[i].indexOf(w) >= 0; });
      el.hidden = !ok;
      if (ok) shown++;
    });
    sections.forEach(function (sec) {
      sec.hidden = !sec.querySelector("article.event:not([hidden])");
    });
    var active = keys.some(function (k) { return st[k]; });
    count.textContent = active
      ? shown + " of " + items.length + (items.length === 1 ? " event" : " events") + " shown"
      : "All " + items.length + (items.length === 1 ? " event" : " events") + " shown";
    clear.hidden = !active;
  }

  var typing;
  function update(push) {
    var st = fromForm(), url = toURL(st);
    apply(st);
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"](null, "", url);
    }
  }
  form.addEventListener("change", function (ev) {
    if (ev.target.name !== "q") update(true);
  });
  form.elements.q.addEventListener("input", function () {
    clearTimeout(typing);
    // Typing replaces the history entry; a pause makes it one to go back to.
    typing = setTimeout(function () { update(true); }, 600);
    apply(fromForm());
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(typing);
    update(true);
  });
  clear.addEventListener("click", function () {
    form.reset();
    keys.forEach(function (k) { form.elements[k].value = ""; });
    update(true);
    form.elements.q.focus();
  });
  window.addEventListener("popstate", function () {
    var st = fromURL();
    toForm(st);
    apply(st);
  });

  var st = fromURL();
  toForm(st);
  apply(st);
  form.hidden = false;
})();

// The header's search button and the search dialog that search.js fills, made
// here once instead of repeated in the HTML of every page (~2.4 KB a page).
// overrides/main.html loads this script synchronously right after the header,
// so the button is in the header bar (in the flow, never over the other
// controls; inside the header, so never above the drawer's overlay) before the
// first paint, and the site name becomes a link home (archive.css sizes the
// title box inside it as Material does). The dialog is modal (top layer).
// No record text is parsed here: the markup is fixed text, and a title with
// math is copied as nodes from the page's own <h1>.
(function () {
  "use strict";
  var script = document.currentScript;
  var bar = document.querySelector(".md-header__inner");
  var title = bar && bar.querySelector(".md-header__title");
  if (!script || !bar || !title) return;

  function icon(path) {
    return '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="' + path + '"/></svg>';
  }
  var SEARCH = "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52" +
    " 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5";
  var CLOSE = "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z";

  var button = document.createElement("button");
  button.type = "button";
  button.id = "archive-search-open";
  button.className = "md-header__button archive-search-open";
  button.setAttribute("aria-haspopup", "dialog");
  button.setAttribute("aria-controls", "archive-search");
  button.setAttribute("aria-label", "Search papers");
  button.title = "Search papers (/)";
  button.innerHTML = icon(SEARCH) + '<span class="archive-search-open__text">Search papers</span>';
  bar.insertBefore(button, title.nextSibling);

  var home = bar.querySelector(".md-logo");
  var ellipsis = title.querySelector(".md-header__ellipsis");
  if (home && ellipsis) {
    var link = document.createElement("a");
    link.href = home.getAttribute("href");
    link.className = "archive-home";
    link.appendChild(ellipsis);
    title.appendChild(link);
  }

  // The page's title, which the bar shows once the page scrolls: Material prints
  // it as text, so a title with math (MathML in the page's <h1>) is copied from
  // the <h1>, a clone of what the generator escaped, once the page is read.
  var topic = title.querySelector('[data-md-component="header-topic"] .md-ellipsis');
  if (topic) {
    document.addEventListener("DOMContentLoaded", function () {
      var heading = document.querySelector(".md-content h1");
      if (!heading || !heading.querySelector("math")) return;
      topic.replaceChildren.apply(topic, Array.prototype.map.call(heading.childNodes, function (node) {
        return node.cloneNode(true);
      }));
    });
  }

  var dialog = document.createElement("dialog");
  dialog.id = "archive-search";
  dialog.className = "archive-search";
  dialog.setAttribute("aria-labelledby", "archive-search-heading");
  dialog.dataset.bundle = script.dataset.bundle;
  dialog.dataset.terms = script.dataset.terms;
  dialog.innerHTML =
    '<div class="archive-search__bar">' +
      '<h2 id="archive-search-heading" class="archive-search__heading">Search papers</h2>' +
      '<button type="button" class="archive-search__close" aria-label="Close search">' + icon(CLOSE) + "</button>" +
    "</div>" +
    '<form class="archive-search__form" role="search" action="#">' +
      '<label for="archive-search-input" class="archive-search__label">Words of a title, abstract, author, organisation or tag</label>' +
      '<input id="archive-search-input" class="archive-search__input" type="search" autocomplete="off" spellcheck="false" placeholder="e.g. model merging">' +
      '<div class="archive-search__controls">' +
        '<label>Tag <select id="archive-search-tag" name="tag"><option value="">All tags</option></select></label>' +
        '<label>Year <select id="archive-search-year" name="year"><option value="">All years</option></select></label>' +
        '<label>Order <select id="archive-search-sort" name="sort">' +
          '<option value="">Best match</option><option value="newest">Newest first</option><option value="oldest">Oldest first</option>' +
        "</select></label>" +
      "</div>" +
    "</form>" +
    '<p class="archive-search__status" role="status" aria-live="polite"></p>' +
    '<p class="archive-search__suggestion" hidden></p>' +
    '<ol class="archive-search__results"></ol>' +
    '<button type="button" class="archive-search__more md-button" hidden>More results</button>';
  script.parentNode.insertBefore(dialog, script.nextSibling);
})();

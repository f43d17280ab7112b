// Keyboard: `j` opens the next paper, `k` the previous one, in the listing the
// reader came from (a tag, year, organisation or home list), else in the paper's
// first tag (the links in nav.paper-nav). Works with Material's instant loading.
(function () {
  var KEY = "paper-archive:listing";

  function remember(event) {
    var link = event.target.closest && event.target.closest("ul.paper-list a");
    if (!link) return;
    var list = link.closest("ul.paper-list");
    var urls = Array.prototype.map.call(list.querySelectorAll("li > a:first-child"), function (a) { return a.href; });
    try { sessionStorage.setItem(KEY, JSON.stringify(urls)); } catch (error) { /* storage off: fall back */ }
  }

  function fromListing(step) {
    try {
      var urls = JSON.parse(sessionStorage.getItem(KEY) || "[]");
      var here = urls.indexOf(location.href.split("#")[0]);
      if (here >= 0 && urls[here + step]) return urls[here + step];
    } catch (error) { /* unreadable: fall back */ }
    return null;
  }

  function go(step) {
    var target = fromListing(step);
    if (!target) {
      var link = document.querySelector('nav.paper-nav a[rel="' + (step > 0 ? "next" : "prev") + '"]');
      target = link && link.href;
    }
    if (target) {
      // a real click lets Material's instant navigation handle it
      var anchor = document.createElement("a");
      anchor.href = target;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
    }
  }

  // Whether keys typed at `target` are its own: text fields, editable elements and
  // menus (typing chooses an option); not a checkbox, radio (the palette toggle) or button.
  function takesText(target) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable || /^(TEXTAREA|SELECT)$/.test(target.tagName)) return true;
    return target.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset|image|file|range|color|hidden)$/i.test(target.type);
  }

  document.addEventListener("click", remember, true);
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (takesText(event.target)) return;
    if (!document.querySelector(".paper-abstract")) return;  // only on paper pages
    if (document.querySelector("dialog[open]")) return;  // the search (or another dialog) has the keys
    if (event.key === "j") { event.preventDefault(); go(1); }
    if (event.key === "k") { event.preventDefault(); go(-1); }
  });
})();

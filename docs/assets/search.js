// The search box: Pagefind's UI in the header. Pagefind loads only the index
// fragments a query needs, so the page stays light at any archive size.
(function () {
  function mount() {
    var box = document.getElementById("archive-search");
    if (!box || box.dataset.mounted || typeof PagefindUI === "undefined") return;
    box.dataset.mounted = "true";
    var bundle = new URL(box.dataset.bundle, document.baseURI);
    new PagefindUI({
      element: "#archive-search",
      bundlePath: bundle.href,
      baseUrl: bundle.pathname.replace(/pagefind\/$/, ""),  // the site may live under a sub-path
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      pageSize: 8,
      excerptLength: 24,
      translations: { placeholder: "Search papers" },
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();

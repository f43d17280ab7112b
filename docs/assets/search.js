// The search dialog (made by header.js) on Pagefind's JavaScript API.
// Nothing is fetched until a reader opens the search: then pagefind.js loads
// only the index fragments a query needs. Results show the date and tags
// (Pagefind metadata), an excerpt of the abstract, and can be filtered by tag
// and year (the menus from search-terms/filters.json) and ordered by date.
// A query word that no paper uses is spelled again from a compact term list
// (search-terms/<length>.json, written at build time: the words of titles,
// tags, organisations and authors), so a typo still finds its paper; a word
// the index holds is always searched as typed, and a word neither is left out
// and named ("No paper uses “zebra”"), never answered with Pagefind's matches for
// words that merely begin like it. The search lives in the page's
// URL (?q=…&tag=…&year=…&order=…, replaced, never pushed): a shared or reloaded
// URL, or Back from a result, opens it again. Keys: `/`, Ctrl-K or ⌘K open it;
// ↑/↓ move the highlighted result, Enter opens it, Escape closes the dialog.
(function () {
  "use strict";
  var PAGE_SIZE = 10;
  var EXCERPT_WORDS = 36;
  var dialog = document.getElementById("archive-search");
  var opener = document.getElementById("archive-search-open");
  if (!dialog || !opener) return;
  var input = dialog.querySelector("#archive-search-input");
  var tagSelect = dialog.querySelector("#archive-search-tag");
  var yearSelect = dialog.querySelector("#archive-search-year");
  var sortSelect = dialog.querySelector("#archive-search-sort");
  var status = dialog.querySelector(".archive-search__status");
  var suggestion = dialog.querySelector(".archive-search__suggestion");
  var list = dialog.querySelector(".archive-search__results");
  var more = dialog.querySelector(".archive-search__more");
  var bundle = new URL(dialog.dataset.bundle, document.baseURI);
  var termsBase = new URL(dialog.dataset.terms, document.baseURI);
  var pagefind = null;
  var partCount = 1;  // bundles of the index, newest dates first; the undated papers in the last ones
  var undatedYear = null;  // their year filter's value
  var loading = null;
  var shards = {};
  var results = [];
  var shown = 0;
  var generation = 0;

  var PARAMS = ["q", "tag", "year", "order", "typed"];  // the search's part of the page URL
  var menus = null;  // settles once the filter menus are filled (or could not be)

  function load() {
    if (!loading) {
      // a large archive is indexed in several bundles (search-terms/parts.json,
      // generator/render/search_parts.py): the first is Pagefind's own, the
      // others are merged into it, each with the filter "part" set to its number
      // revalidated: a deploy may change the bundles (cached, it would name missing ones)
      var manifest = fetch(new URL("parts.json", termsBase), { cache: "no-cache" }).then(function (response) {
        if (!response.ok) throw new Error("parts.json: " + response.status);
        return response.json();
      });
      var root = new URL("../", bundle);  // result URLs are relative to the site root, which may be a sub-path
      loading = Promise.all([import(new URL("pagefind.js", bundle).href), manifest]).then(function (loaded) {
        pagefind = loaded[0];
        partCount = loaded[1].bundles.length;
        undatedYear = loaded[1].undated;
        return pagefind.options({ baseUrl: root.pathname }).then(function () { return pagefind.init(); })
          .then(function () {
            return Promise.all(loaded[1].bundles.slice(1).map(function (folder, index) {
              return pagefind.mergeIndex(new URL(folder, root).pathname,
                { baseUrl: root.pathname, mergeFilter: { part: String(index + 2) } });
            }));
          });
      });
      // the menus' values and counts, written at build time (pagefind.filters()
      // would fetch every filter chunk of the index before the first query),
      // fetched beside the index: without them the menus offer "All" only
      menus = fetch(new URL("filters.json", termsBase)).then(function (response) {
        if (!response.ok) throw new Error("filters.json: " + response.status);
        return response.json();
      }).then(fillFilters).catch(function () {});
    }
    return loading;
  }

  function fillFilters(filters) {
    var tags = Object.keys(filters.tag || {}).sort(function (a, b) { return a.localeCompare(b); });
    var years = Object.keys(filters.year || {}).sort(function (a, b) {
      return (/^\d+$/.test(b) - /^\d+$/.test(a)) || b.localeCompare(a);  // newest first, "Undated" last
    });
    addOptions(tagSelect, tags, filters.tag || {});
    addOptions(yearSelect, years, filters.year || {});
  }

  function addOptions(select, values, counts) {
    values.forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = value + " (" + counts[value] + ")";
      select.appendChild(option);
    });
  }

  // A menu set to `value`; a value the menu lacks (a URL from before a tag was
  // renamed, or no menus file) is added as it is, so the search still says what it filters by.
  function choose(select, value) {
    if (!value) return;
    var known = Array.prototype.some.call(select.options, function (option) { return option.value === value; });
    if (!known) {
      var option = document.createElement("option");
      option.value = option.textContent = value;
      select.appendChild(option);
    }
    select.value = value;
  }

  var returnTo = null;  // what had the focus before the dialog opened

  // `fromUrl`: opened by the URL, which already holds the search.
  function open(fromUrl) {
    if (!dialog.open) {
      var focused = document.activeElement;
      returnTo = focused && focused !== document.body && !dialog.contains(focused) ? focused : null;
      dialog.showModal();
      unsettled = true;
      if (fromUrl !== true) writeUrl(state(false));  // reopened: what it still shows is in the URL again
    }
    input.focus();
    load().catch(function () { status.textContent = "The search could not be loaded."; });
  }

  // Closing settles at once (the URL cleared, the focus returned) rather than at the
  // dialog's "close" event, which comes a task later; that event settles any other
  // way of closing. `unsettled`: opened and not settled since.
  var unsettled = false;
  function close() { dialog.close(); settle(); }
  function settle() {
    if (!unsettled) return;
    unsettled = false;
    clearTimeout(timer);
    generation++;  // a search still running shows nothing now
    writeUrl(null);
    (returnTo && returnTo.isConnected ? returnTo : opener).focus();
    returnTo = null;
  }

  opener.addEventListener("click", open);
  opener.setAttribute("aria-keyshortcuts", "/ Control+K Meta+K");
  opener.addEventListener("pointerenter", function () { load().catch(function () {}); });
  dialog.querySelector(".archive-search__close").addEventListener("click", close);
  dialog.addEventListener("click", function (event) { if (event.target === dialog) close(); });
  dialog.addEventListener("close", settle);
  dialog.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
  // Whether keys typed at `target` are text for it: a text-like input, a textarea,
  // an editable element; a menu too for `/` (its options are chosen by typing).
  // A checkbox, radio (the palette toggle), button or link is not.
  function takesText(target, menus) {
    if (!target || !target.tagName) return false;
    if (target.isContentEditable || target.tagName === "TEXTAREA") return true;
    if (target.tagName === "SELECT") return menus;
    return target.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset|image|file|range|color|hidden)$/i.test(target.type);
  }

  // `/` opens the search from anywhere but a field that takes it as text; Ctrl-K
  // and ⌘K from anywhere but a text field outside the dialog (where they may be
  // its own shortcut, as "insert link" in an editor): inside it, from a menu or a
  // result, they go back to the search field. Either selects the query, so typing replaces it.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || target === input) return;
    var slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !takesText(target, true);
    var k = (event.ctrlKey || event.metaKey) && !event.shiftKey && (event.key === "k" || event.key === "K")
      && !(takesText(target, false) && !dialog.contains(target));
    if (slash || k) {
      event.preventDefault();
      open();
      input.select();
    }
  });

  var timer = null;
  function schedule() {
    generation++;  // what is still running for the previous text is stale now
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  }
  input.addEventListener("input", schedule);
  [tagSelect, yearSelect, sortSelect].forEach(function (select) { select.addEventListener("change", run); });
  more.addEventListener("click", function () { showMore(generation); });

  // --- The highlighted result: the input keeps the focus (typing goes on) and
  // names the result with aria-activedescendant; ↑/↓ move it, Enter opens it.
  var active = -1;

  function resultLinks() { return list.querySelectorAll("a.archive-search__title"); }

  function highlight(index) {
    var links = resultLinks();
    active = links.length ? Math.max(0, Math.min(index, links.length - 1)) : -1;
    Array.prototype.forEach.call(links, function (link, at) {
      link.closest("li").classList.toggle("archive-search__result--active", at === active);
    });
    if (active < 0) return input.removeAttribute("aria-activedescendant");
    input.setAttribute("aria-activedescendant", links[active].id);
    links[active].closest("li").scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !event.isComposing) {
      // a search field's own Escape would empty it (and the search): one Escape
      // closes the dialog instead, as the close button does, the words kept in the field
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      var next = active + (event.key === "ArrowDown" ? 1 : -1);
      if (next >= resultLinks().length && !more.hidden) {
        showMore(generation).then(function () { highlight(next); });
      } else {
        highlight(next);
      }
    } else if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      // text typed a moment ago is searched first: Enter opens its best result, not the last one's
      (timer !== null || answered !== generation ? run() : Promise.resolve()).then(function () {
        var link = resultLinks()[Math.max(active, 0)];
        if (link) link.click();
      });
    }
  });

  // Opening a result remembers it (and how many results were on show) in this
  // history entry, so Back to the search highlights it again.
  list.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.archive-search__title");
    if (!link) return;
    history.replaceState({ searchResult: link.getAttribute("href"), shown: shown }, "", location.href);
  });

  function options() {
    var filters = {};
    if (tagSelect.value) filters.tag = tagSelect.value;
    if (yearSelect.value) filters.year = yearSelect.value;
    var found = { filters: filters };
    if (sortSelect.value) found.sort = {}, found.sort[sortSelect.value] = sortSelect.value === "newest" ? "desc" : "asc";
    return found;
  }

  // What the dialog holds, as the URL's parameters.
  function state(asTyped) {
    var query = input.value.trim();
    return { q: query, tag: tagSelect.value, year: yearSelect.value, order: sortSelect.value,
             typed: asTyped && query ? "1" : "" };
  }

  // The page's URL with the search's state (null: none), replacing the history entry.
  function writeUrl(state) {
    var url = new URL(location.href);
    PARAMS.forEach(function (name) {
      if (state && state[name]) url.searchParams.set(name, state[name]); else url.searchParams.delete(name);
    });
    if (url.href !== location.href) history.replaceState(history.state, "", url.href);
  }

  var exact = false;  // the reader asked for the query as typed, not respelled
  var answered = 0;  // the generation whose results are on show

  // Searches what the dialog holds and shows it; settles once shown.
  function run() {
    clearTimeout(timer);
    timer = null;
    var mine = ++generation;
    var query = input.value.trim();
    var filtered = tagSelect.value || yearSelect.value;
    var asTyped = exact;
    exact = false;
    writeUrl(state(asTyped));
    suggestion.hidden = true;
    if (!query && !filtered && !sortSelect.value) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = "";
      dialog.dataset.shown = "";
      answered = mine;
      highlight(-1);
      return Promise.resolve();
    }
    return load().then(function () {
      return Promise.all([searchParts(query || null, options()), query ? respell(query) : null]);
    }).then(function (found) {
      var search = found[0];
      var respelled = found[1];
      if (mine !== generation) return null;
      // A word no paper uses has no answer: Pagefind's matches for words it merely
      // begins like are not shown. Asked for as typed (typed=1), or with no word
      // left once those the term list cannot respell are left out, the dialog says
      // no paper uses them and shows nothing; else the other words are searched,
      // respelled where needed, and the words left out are named with those respelled.
      if (respelled && (asTyped || !respelled.query)) return nothing(mine, query, respelled.words);
      if (!respelled) return exactFirst(search.results, query).then(function (ranked) { return show(mine, ranked, query, null); });
      return searchParts(respelled.query, options()).then(function (again) {
        return exactFirst(again.results, respelled.query).then(function (ranked) { return show(mine, ranked, query, respelled); });
      });
    }).catch(function () {
      if (mine === generation) status.textContent = "The search could not be loaded.";
    });
  }

  // Every bundle searched. By relevance, Pagefind merges the bundles' results
  // by score; by date it would too, so each bundle is searched on its own (the
  // filter "part") and the results joined in date order, the undated papers
  // after the dated ones both ways.
  function searchParts(query, found) {
    if (!found.sort || partCount === 1) return pagefind.search(query, found);
    var numbers = [];
    for (var number = 0; number < partCount; number++) numbers.push(number);
    if (found.sort.oldest) numbers.reverse();
    var passes = found.filters.year ? numbers.map(function (number) { return withFilters(found, inPart(number)); })
      : numbers.map(function (number) { return withFilters(found, inPart(number), { none: [undatedYear] }); })
        .concat([withFilters(found, {}, undatedYear)]);  // in no order by date, from every part
    return Promise.all(passes.map(function (pass) { return pagefind.search(query, pass); })).then(function (all) {
      return { results: [].concat.apply([], all.map(function (one) { return one.results; })) };
    });
  }

  // the filter that keeps one bundle's papers: the first has no "part" value
  function inPart(number) {
    var others = [];
    for (var other = 2; other <= partCount; other++) others.push(String(other));
    return { part: number ? String(number + 1) : { none: others } };
  }

  function withFilters(found, part, year) {
    var filters = Object.assign({}, found.filters, part);
    if (year) filters.year = year;
    return Object.assign({}, found, { filters: filters });
  }

  // `respelled`: {query, words} when the results answer the respelled query,
  // `words` being the typed words no paper uses.
  function show(mine, found, query, respelled) {
    if (mine !== generation) return null;
    results = found;
    shownQuery = query;
    shown = 0;
    list.textContent = "";
    status.textContent = describe(found.length, respelled ? respelled.query : query);
    if (respelled) {
      suggestion.textContent = "";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "archive-search__respelled";
      button.textContent = query;
      button.addEventListener("click", function () {
        exact = true;
        input.focus();  // the button goes; ↓ and Enter work on at once
        run();
      });
      suggestion.append("No paper uses " + quoted(respelled.words) + "; showing “" + respelled.query + "”. Search for ",
                        button, " instead.");
      suggestion.hidden = false;
    }
    return showMore(mine).then(function () {
      if (mine !== generation) return;
      answered = mine;
      highlight(0);
    });
  }

  // The answer to a query with a word no paper uses: no results, and the words named.
  function nothing(mine, query, words) {
    return show(mine, [], query, null).then(function () {
      if (mine === generation) status.textContent = "No paper uses " + quoted(words) + ".";
    });
  }

  // "12 papers for “query” tagged Model merging from 2024.", "15 papers tagged Model merging.", ...
  function describe(count, query) {
    var scope = [];
    if (tagSelect.value) scope.push("tagged " + tagSelect.value);
    if (yearSelect.value) scope.push(yearSelect.value === undatedYear ? "with no date" : "from " + yearSelect.value);
    var papers = count === 1 ? "1 paper" : count + " papers";
    if (query) {
      return (count ? papers + " for “" + query + "”" : "No paper matches “" + query + "”")
        + (scope.length ? " " + scope.join(" ") : "") + ".";
    }
    if (scope.length) return (count ? papers : "No paper") + " " + scope.join(" ") + ".";
    return count ? papers + ", " + (sortSelect.value === "oldest" ? "oldest" : "newest") + " first." : "No paper.";
  }

  function quoted(words) {
    var each = words.map(function (word) { return "“" + word + "”"; });
    return each.length > 1 ? each.slice(0, -1).join(", ") + " or " + each[each.length - 1] : each[0];
  }

  var shownQuery = "";

  function showMore(mine) {
    var query = shownQuery;
    var page = results.slice(shown, shown + PAGE_SIZE);
    var first = shown;
    shown += page.length;
    more.hidden = shown >= results.length;
    return Promise.all(page.map(function (result) { return result.data(); })).then(function (pages) {
      if (mine !== generation) return;
      pages.forEach(function (data, index) { list.appendChild(item(data, first + index)); });
      dialog.dataset.shown = query;  // what the results on show answer (read by the tests)
    });
  }

  function item(data, index) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    li.className = "archive-search__result";
    var link = document.createElement("a");
    link.className = "archive-search__title";
    link.id = "archive-search-result-" + index;
    link.href = data.url;
    link.textContent = meta.title || data.url;
    var heading = document.createElement("h3");
    heading.appendChild(link);
    var fields = document.createElement("p");
    fields.className = "archive-search__fields";
    var date = document.createElement("span");
    date.className = "archive-search__date";
    date.textContent = meta.date || "Date unknown";
    fields.appendChild(date);
    if (meta.tags) {
      var tags = document.createElement("span");
      tags.className = "archive-search__tags";
      tags.textContent = meta.tags;
      fields.append(" · ", tags);
    }
    var excerpt = document.createElement("p");
    excerpt.className = "archive-search__excerpt";
    excerpt.append.apply(excerpt, abstractExcerpt(data));
    li.append(heading, fields, excerpt);
    return li;
  }

  // The excerpt comes from the abstract (the page's #abstract section): Pagefind's
  // own excerpt of that section when the query matched it, else its first words.
  function abstractExcerpt(data) {
    var section = (data.sub_results || []).filter(function (sub) { return /#abstract$/.test(sub.url); })[0];
    if (section) return marked(section.excerpt.replace(/^Abstract\.\s*/, ""));
    var anchor = (data.anchors || []).filter(function (a) { return a.id === "abstract"; })[0];
    var words = data.content.split(/\s+/);
    var start = anchor ? anchor.location + 1 : 0;
    var text = words.slice(start, start + EXCERPT_WORDS).join(" ");
    return [text + (words.length > start + EXCERPT_WORDS ? " …" : "")];
  }

  // Pagefind's excerpt is text with <mark>: rebuilt from an inert parse as
  // text nodes and <mark> elements only, so no record text becomes markup.
  function marked(excerpt) {
    var parsed = new DOMParser().parseFromString("<p>" + excerpt + "</p>", "text/html").body.firstChild;
    var nodes = [];
    (parsed ? parsed.childNodes : []).forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    });
    return nodes;
  }

  // --- Spelling: a query word that no paper uses (Pagefind finds no indexed
  // word it begins) is replaced by the most frequent word of the term list one
  // edit away (two for long words: a letter added, dropped, changed, or two
  // neighbours swapped). A word some paper uses is never replaced.
  function shard(length) {
    if (!shards[length]) {
      shards[length] = fetch(new URL(length + ".json", termsBase)).then(function (response) {
        return response.ok ? response.json() : [];
      }).catch(function () { return []; });
    }
    return shards[length];
  }

  // Whether some paper uses `word`: Pagefind's exact search (the word in quotes)
  // finds it or a longer word it begins, never a word that merely shares its first
  // letters, which its plain search falls back to. It reads the index chunks the
  // query itself reads.
  var exactly = {};  // word -> the ids of the pages that use it

  function pagesUsing(word) {
    if (!exactly[word]) {
      exactly[word] = pagefind.search("\"" + word + "\"").then(function (found) {
        return new Set(found.results.map(function (result) { return result.id; }));
      });
    }
    return exactly[word];
  }

  function used(word) {
    return pagesUsing(word).then(function (pages) { return pages.size > 0; });
  }

  // By relevance, the papers that use every word of the query as it is come
  // before those found only by a longer word a query word begins (Pagefind
  // ranks "light" in "lightweight" a title word above "light" in an abstract).
  function exactFirst(found, query) {
    var words = wordsOf(query);
    if (sortSelect.value || !words.length) return Promise.resolve(found);
    return Promise.all(words.map(pagesUsing)).then(function (sets) {
      var exact = [], rest = [];
      found.forEach(function (result) {
        (sets.every(function (pages) { return pages.has(result.id); }) ? exact : rest).push(result);
      });
      return exact.concat(rest);
    });
  }

  function wordsOf(query) { return query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  // {query, words}: the query with each word no paper uses replaced by its nearest
  // spelling in the term list, or left out when it has none, and the words
  // replaced or left out; null when every word stays.
  function respell(query) {
    var words = wordsOf(query);
    return Promise.all(words.map(function (word) {
      return used(word).then(function (known) {
        if (known) return word;
        return correctable(word) ? correct(word) : null;
      });
    })).then(function (fixed) {
      var changed = words.filter(function (word, index) { return fixed[index] !== word; });
      if (!changed.length) return null;
      return { query: fixed.filter(Boolean).join(" "), words: changed };
    });
  }

  var SHORTEST = 3, LONGEST = 40;  // the term lists' lengths (generator/render/paper_page.py)

  function correctable(word) {
    return word.length > SHORTEST && word.length <= LONGEST && !/\d/.test(word);
  }

  // The word itself when the term list holds it, its nearest spelling there, or null.
  function correct(word) {
    var limit = word.length >= 8 ? 2 : 1;
    var lengths = [];
    for (var n = word.length - limit; n <= word.length + limit; n++) if (n >= SHORTEST && n <= LONGEST) lengths.push(n);
    return Promise.all(lengths.map(shard)).then(function (lists) {
      var own = lists[lengths.indexOf(word.length)];
      if (own.indexOf(word) >= 0) return word;
      var best = null;
      var bestDistance = limit + 1;
      var bestRank = Infinity;
      lists.forEach(function (terms) {
        for (var rank = 0; rank < terms.length; rank++) {
          var distance = editDistance(word, terms[rank], bestDistance + 1);  // exact below the cap
          if (distance <= limit && (distance < bestDistance || (distance === bestDistance && rank < bestRank))) {
            best = terms[rank];
            bestDistance = distance;
            bestRank = rank;
          }
        }
      });
      return best && bestDistance <= limit ? best : null;
    });
  }

  // Optimal string alignment distance (Damerau-Levenshtein without repeated edits
  // of one substring), giving up beyond `cap`.
  function editDistance(a, b, cap) {
    if (Math.abs(a.length - b.length) >= cap) return cap;
    var previous2 = null;
    var previous = [];
    for (var j = 0; j <= b.length; j++) previous.push(j);
    for (var i = 1; i <= a.length; i++) {
      var row = [i];
      var smallest = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var value = Math.min(previous[k] + 1, row[k - 1] + 1, previous[k - 1] + cost);
        if (previous2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          value = Math.min(value, previous2[k - 2] + 1);
        }
        row.push(value);
        if (value < smallest) smallest = value;
      }
      if (smallest >= cap) return cap;
      previous2 = previous;
      previous = row;
    }
    return previous[b.length];
  }
  // --- A URL with a search (shared, reloaded, or come back to with Back) opens it.
  function restore() {
    var params = new URLSearchParams(location.search);
    if (!PARAMS.some(function (name) { return params.get(name); })) return;
    var back = history.state && history.state.searchResult ? history.state : null;
    input.value = params.get("q") || "";
    if (/^(newest|oldest)$/.test(params.get("order") || "")) sortSelect.value = params.get("order");
    open(true);
    menus.then(function () {
      choose(tagSelect, params.get("tag"));
      choose(yearSelect, params.get("year"));
      exact = params.get("typed") === "1";
      return run();
    }).then(function () {
      if (back) return again(back, generation);
    });
  }

  // The result opened last highlighted again, with as many results on show as then.
  function again(back, mine) {
    var links = Array.prototype.map.call(resultLinks(), function (link) { return link.getAttribute("href"); });
    var at = links.indexOf(back.searchResult);
    if (at >= 0 || more.hidden || links.length >= back.shown || mine !== generation) return highlight(at >= 0 ? at : 0);
    return showMore(mine).then(function () { return again(back, mine); });
  }

  restore();
})();

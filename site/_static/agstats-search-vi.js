/* agstats, Vietnamese edition: search titles and index entries without diacritics too.
   The words of the pages are already indexed and queried without diacritics (site/_ext/agstats_site.py,
   the search language "vi"); Sphinx also matches the raw query against section titles, which would make
   "viễn thông" find more than "vien thong". Here both sides of that match are folded the same way.
   Loaded (deferred, so after searchtools.js) on the search page only. */
(() => {
  if (typeof Search === "undefined" || !Search._performSearch) return;
  const fold = (s) => s.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  const original = Search._performSearch;
  Search._performSearch = (query, ...rest) => {
    const index = Search._index;
    const titles = index.alltitles, entries = index.indexentries;
    const back = {};
    const folded = (table) => {
      const out = {};
      for (const [key, value] of Object.entries(table || {})) {
        const f = fold(key);
        back[f] = back[f] || key;
        (out[f] = out[f] || []).push(...value);
      }
      return out;
    };
    index.alltitles = folded(titles);
    index.indexentries = folded(entries);
    let results;
    try {
      results = original(fold(query), ...rest);
    } finally {
      index.alltitles = titles;
      index.indexentries = entries;
    }
    for (const r of results) {  // [docname, title, anchor, descr, score, filename]: titles as written
      const doc = index.titles[index.docnames.indexOf(r[0])];
      if (r[1] === `${doc} > ${fold(doc)}`) r[1] = doc;
      else {
        const cut = r[1].lastIndexOf(" > ");
        const tail = cut < 0 ? r[1] : r[1].slice(cut + 3);
        if (back[tail]) r[1] = (cut < 0 ? "" : r[1].slice(0, cut + 3)) + back[tail];
      }
    }
    return results;
  };
})();

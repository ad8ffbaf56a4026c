/* agstats site: filter and sort the data page's tables, offline (no library, no network).
   A text box above each table keeps the rows that contain every word typed (case and Vietnamese
   diacritics ignored: "vien thong" finds "viễn thông"); a click on a column header sorts by that
   column (numbers as numbers, in the page's language), a second click reverses. The table keeps
   scrolling inside its own box on a phone. Jupyter Book loads it on every page; it acts on the data and sources tables. */
(() => {
  "use strict";
  const vi = (document.documentElement.lang || "").toLowerCase().startsWith("vi");
  const T = vi
    ? { filter: "Lọc các dòng", placeholder: "Gõ từ cần tìm, ví dụ: viễn thông 2019", rows: (n, m) => `${n}/${m} dòng`,
        sort: "Sắp xếp theo cột này" }
    : { filter: "Filter rows", placeholder: "Type words to find, e.g. telecom 2019", rows: (n, m) => `${n} of ${m} rows`,
        sort: "Sort by this column" };
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
    .toLowerCase();

  // A cell's number: "≥ 4,600" (en) or "≥ 4.600" (vi) -> 4600; null when the cell is not a number.
  const number = (text) => {
    const m = text.replace(/\u2212/g, "-").match(/-?\d[\d.,\u00a0 ]*/);
    if (!m) return null;
    let s = m[0].replace(/[\u00a0 ]/g, "");
    s = vi ? s.replace(/\./g, "").replace(",", ".") : s.replace(/,/g, "");
    const v = parseFloat(s);
    return Number.isFinite(v) ? v : null;
  };

  let count = 0;
  const setUp = (table) => {
    const body = table.tBodies[0];
    const head = table.tHead && table.tHead.rows[0];
    if (!body || !head || table.dataset.agstatsTable) return;
    table.dataset.agstatsTable = "ready";
    const rows = [...body.rows];
    const texts = rows.map((r) => fold(r.textContent));
    count += 1;

    // The filter box, before the table's scrolling box.
    const tools = document.createElement("div");
    tools.className = "agstats-table-tools";
    const id = `agstats-filter-${count}`;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = T.filter;
    const input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.placeholder = T.placeholder;
    input.autocomplete = "off";
    if (table.id) input.setAttribute("aria-controls", table.id);
    const shown = document.createElement("span");
    shown.className = "agstats-table-count";
    shown.setAttribute("aria-live", "polite");
    shown.textContent = T.rows(rows.length, rows.length);
    tools.append(label, input, shown);
    const box = table.closest(".agstats-table-wrap") || table;
    box.parentNode.insertBefore(tools, box);

    input.addEventListener("input", () => {
      const words = fold(input.value).split(/\s+/).filter(Boolean);
      let n = 0;
      rows.forEach((row, i) => {
        const keep = words.every((w) => texts[i].includes(w));
        row.hidden = !keep;
        n += keep;
      });
      shown.textContent = T.rows(n, rows.length);
    });

    // Sorting: a button in each header cell (keyboard and screen readers reach it).
    [...head.cells].forEach((th, col) => {
      if (!th.textContent.trim()) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "agstats-sort";
      button.title = T.sort;
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener("click", () => {
        const descending = th.getAttribute("aria-sort") === "ascending";
        [...head.cells].forEach((c) => c.removeAttribute("aria-sort"));
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        const keyed = [...body.rows].map((row, i) => {
          const cell = row.cells[col];
          const text = cell ? (cell.dataset.sort ?? cell.textContent.trim()) : "";
          return { row, i, text, num: number(text) };
        });
        const numeric = keyed.filter((k) => k.text).every((k) => k.num !== null);
        const coll = new Intl.Collator(vi ? "vi" : "en", { numeric: true, sensitivity: "base" });
        keyed.sort((a, b) => {
          const d = numeric ? (a.num ?? -Infinity) - (b.num ?? -Infinity) : coll.compare(a.text, b.text);
          return (descending ? -d : d) || a.i - b.i;
        });
        body.append(...keyed.map((k) => k.row));
      });
    });
  };

  const style = document.createElement("style");
  style.textContent = `
.agstats-table-tools { display: flex; flex-wrap: wrap; gap: .35rem .75rem; align-items: center; margin: .5rem 0; }
.agstats-table-tools input { flex: 1 1 14rem; min-width: 0; max-width: 28rem; padding: .3rem .5rem;
  border: 1px solid var(--pst-color-border); border-radius: .25rem; background: var(--pst-color-background);
  color: var(--pst-color-text-base); }
.agstats-table-count { font-size: .85rem; color: var(--pst-color-text-muted); }
button.agstats-sort { all: unset; cursor: pointer; font-weight: 600; }
button.agstats-sort:focus-visible { outline: 2px solid var(--pst-color-primary); }
th[aria-sort=ascending] button.agstats-sort::after { content: " ▲"; }
th[aria-sort=descending] button.agstats-sort::after { content: " ▼"; }`;
  document.head.append(style);
  const run = () => document.querySelectorAll("table.agstats-data, table.agstats-sources").forEach(setUp);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run);
  else run();
})();

// Sortable tables: a click on a column's header sorts the rows by it, a
// second click reverses; the header says which way (aria-sort), for screen
// readers as for the eye. Rows are sorted as data, then drawn.

import { h } from "./dom.js";

/** Exact order of two decimal strings ("1250.00", "-5.5"): money is never a float. */
export function compareDecimal(a, b) {
  const scaled = (text) => {
    const s = String(text ?? "0").trim() || "0";
    const negative = s.startsWith("-");
    const [whole, fraction = ""] = s.replace(/^[-+]/, "").split(".");
    const n = BigInt((whole || "0") + fraction.padEnd(12, "0").slice(0, 12));
    return negative ? -n : n;
  };
  const [x, y] = [scaled(a), scaled(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

const compareText = (a, b) => String(a ?? "").localeCompare(String(b ?? ""), undefined, { sensitivity: "base", numeric: true });
const COMPARE = {
  text: compareText,
  // ISO dates sort as text; a missing date goes last.
  date: (a, b) => (a ? (b ? compareText(a, b) : -1) : b ? 1 : 0),
  number: (a, b) => (Number(a) || 0) - (Number(b) || 0),
  decimal: compareDecimal,
};

/**
 * A sort over `columns` ({ label, key, type, num, cell }), drawn by
 * `redraw`. `key` is a row's field or a function of the row; `cell` a class
 * the header shares with the column's cells.
 */
export function sorter(columns, redraw) {
  const state = { index: -1, descending: false };
  const value = (column, row) => (typeof column.key === "function" ? column.key(row) : row[column.key]);
  return {
    /** The rows in the chosen order (as given until a header is clicked). */
    sort(rows) {
      const column = columns[state.index];
      if (!column) return rows;
      const compare = COMPARE[column.type || "text"];
      const sorted = [...rows].sort((a, b) => compare(value(column, a), value(column, b)));
      return state.descending ? sorted.reverse() : sorted;
    },
    /** The header row: each label a button that sorts by its column. */
    head() {
      return h(
        "thead",
        {},
        h(
          "tr",
          {},
          columns.map((column, i) =>
            column.key === undefined
              ? h("th", { class: [column.num ? "num" : "", column.cell || ""].join(" ").trim() || null }, column.label)
              : h(
                  "th",
                  { class: [column.num ? "num" : "", column.cell || ""].join(" ").trim() || null, "aria-sort": i === state.index ? (state.descending ? "descending" : "ascending") : "none" },
                  h(
                    "button",
                    {
                      type: "button",
                      class: "sort",
                      dataset: { sort: String(i) },
                      onclick: () => {
                        // Amounts and lateness read best largest first.
                        const firstDescending = column.type === "decimal" || column.type === "number";
                        state.descending = i === state.index ? !state.descending : firstDescending;
                        state.index = i;
                        redraw();
                        document.querySelector(`button.sort[data-sort="${i}"]`)?.focus();
                      },
                    },
                    column.label,
                  ),
                ),
          ),
        ),
      );
    },
  };
}

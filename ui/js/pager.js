// Long lists a page at a time. Rust searches, sorts and counts the whole
// list (5,000 customers, 52,000 invoices); the window asks for the page it
// shows and draws only that, so a large book opens as fast as a small one.
// A click on a column's header sorts the whole list by it (a second click
// reverses); Previous and Next, or PageUp and PageDown inside the table,
// move through it.

import { h, clear, mount } from "./dom.js";

/** Rows a page shows: a screenful and more (Rust's page::ROWS). */
export const ROWS = 50;

const number = new Intl.NumberFormat();

/**
 * A table over a list kept in Rust.
 * - `columns`: { label, sort, num, cell }; `sort` is the column's name in
 *   Rust (no `sort`: the column does not sort).
 * - `fetch({ offset, limit, sort, descending })` resolves to
 *   { offset, total, rows }.
 * - `row(r)` draws one row; `foot` (optional) is a tfoot kept under every page.
 * - `first` (optional) is the first page already fetched with the screen;
 *   `rows` how many rows a page holds (ROWS unless said).
 * - `empty()` (optional) is drawn instead of the table when the list is empty.
 * Returns { element, reload() }: reload() goes back to the first page (after
 * a new search, say) and resolves to that page.
 */
export function pagedTable({ id, className, columns, fetch, row, foot = null, first = null, empty = null, noun = "rows", rows = ROWS }) {
  const state = { offset: 0, sort: null, descending: false, page: first };
  const element = h("div", { class: "paged" });
  let asked = 0;

  const load = async (offset) => {
    const mine = ++asked;
    const page = await fetch({ offset, limit: rows, sort: state.sort, descending: state.descending });
    if (mine !== asked) return state.page; // a newer request won
    state.page = page;
    state.offset = page.offset;
    draw();
    return page;
  };

  const head = () =>
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        columns.map((column, i) => {
          const cls = [column.num ? "num" : "", column.cell || ""].join(" ").trim() || null;
          if (!column.sort) return h("th", { class: cls }, column.label);
          const sorted = state.sort === column.sort;
          return h(
            "th",
            { class: cls, "aria-sort": sorted ? (state.descending ? "descending" : "ascending") : "none" },
            h(
              "button",
              {
                type: "button",
                class: "sort",
                dataset: { sort: String(i) },
                onclick: async () => {
                  // Amounts and lateness read best largest first.
                  state.descending = sorted ? !state.descending : Boolean(column.num);
                  state.sort = column.sort;
                  await load(0);
                  element.querySelector(`button.sort[data-sort="${i}"]`)?.focus();
                },
              },
              column.label,
            ),
          );
        }),
      ),
    );

  const move = (by) => {
    const page = state.page;
    const to = state.offset + by * rows;
    if (!page || to < 0 || to >= page.total) return;
    load(to).then(() => element.querySelector("tbody a.row-link")?.focus());
  };

  const controls = (page) => {
    if (page.total <= page.rows.length && page.offset === 0) return null;
    const last = page.offset + page.rows.length;
    return h(
      "div",
      { class: "pager" },
      h("span", { class: "muted pager-range" }, `${number.format(page.offset + 1)}–${number.format(last)} of ${number.format(page.total)} ${noun}`),
      h("button", { type: "button", class: "button small", dataset: { page: "previous" }, disabled: page.offset === 0, onclick: () => move(-1) }, "Previous"),
      h("button", { type: "button", class: "button small", dataset: { page: "next" }, disabled: last >= page.total, onclick: () => move(1) }, "Next"),
    );
  };

  const draw = () => {
    const page = state.page;
    clear(element);
    if (!page) return;
    if (!page.total && empty) {
      mount(element, empty());
      return;
    }
    mount(
      element,
      h("div", { class: "table" }, h("table", { id, class: className }, head(), h("tbody", {}, page.rows.map(row)), foot)),
      controls(page),
    );
  };

  element.addEventListener("keydown", (event) => {
    if (event.key === "PageDown" || event.key === "PageUp") {
      event.preventDefault();
      move(event.key === "PageDown" ? 1 : -1);
    }
  });

  if (first) draw();
  return { element, reload: () => load(0) };
}

/**
 * A list kept in Rust in its own order, newest first (a customer's
 * timeline, an audit trail): the first page is drawn, and "Show older"
 * appends the next one, so a customer of ten years opens as fast as a new one.
 * - `first`: the first page, { offset, total, rows }, fetched with the screen.
 * - `fetch(offset)` resolves to the page from `offset` on.
 * - `item(r)` draws one <li> (null skips it).
 * Returns the <ol> and its button, in one element.
 */
export function olderList({ id, className, first, fetch, item, noun = "entries" }) {
  const list = h("ol", { class: className, id });
  const more = h("button", { type: "button", class: "button small", id: `${id}-older` });
  const foot = h("div", { class: "older" }, more);
  let shown = 0;
  const add = (page) => {
    mount(list, page.rows.map(item));
    shown = page.offset + page.rows.length;
    const left = page.total - shown;
    foot.hidden = left <= 0 || !page.rows.length;
    more.textContent = `Show older ${noun} (${number.format(left)} more)`;
  };
  more.addEventListener("click", async () => {
    more.disabled = true;
    try {
      add(await fetch(shown));
    } finally {
      more.disabled = false;
    }
  });
  add(first);
  return h("div", { class: "older-list" }, list, foot);
}

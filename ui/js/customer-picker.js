// Choosing a customer in a book of thousands: the owner types a few letters
// of the company or the contact, Rust searches the whole list (the same
// search as Customers) and the window shows the first matches. A <select>
// of every customer took a quarter of a second to draw on 5,000 customers
// and kept all of them in the page.
//
// Keyboard: typing searches, Down opens the list, Up/Down move through the
// matches, Enter picks one, Escape closes the list. Leaving the field keeps the customer chosen;
// clearing it chooses none.

import { api } from "./api.js";
import { h, clear } from "./dom.js";

/** Matches the list shows: enough to pick from, few enough to read. */
const SHOWN = 8;

/**
 * customerPicker({ id, name, chosen, sort, descending, onchange, autofocus })
 * - `name` is the hidden input a dialog's values() reads (the customer's id);
 *   it is also the field path the core's errors point at.
 * - `chosen`: { id, company } or null.
 * - `sort` / `descending`: the order matches are offered in (Customers' sort
 *   columns; company A–Z unless said).
 * Returns { element, input, value (id or null), chosen ({ id, company } or null), choose(c) }.
 */
export function customerPicker({ id, name = "customer_id", chosen = null, sort = null, descending = false, onchange = () => {}, autofocus = false }) {
  let current = chosen;
  const listId = `${id}-options`;
  const input = h("input", {
    type: "text",
    id,
    role: "combobox",
    autocomplete: "off",
    spellcheck: "false",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    dataset: { field: name },
    placeholder: "Type a company or contact name",
    value: chosen ? chosen.company : "",
    autofocus,
  });
  const hidden = h("input", { type: "hidden", name, value: chosen ? chosen.id : "" });
  const list = h("ul", { id: listId, role: "listbox", class: "picker-options", hidden: true });
  const element = h("div", { class: "picker" }, input, hidden, list);
  let matches = [];
  let active = -1;
  let asked = 0;

  const choose = (c) => {
    const changed = (c?.id ?? null) !== (current?.id ?? null);
    current = c;
    input.value = c ? c.company : "";
    hidden.value = c ? c.id : "";
    close();
    if (changed) onchange(c);
  };

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const mark = (i) => {
    active = i;
    [...list.querySelectorAll("[role=option]")].forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
    if (i >= 0) {
      input.setAttribute("aria-activedescendant", `${listId}-${i}`);
      list.children[i]?.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };

  const draw = (search, page) => {
    matches = page.rows;
    clear(list);
    if (!matches.length) {
      list.appendChild(h("li", { class: "picker-none" }, `No customer matches “${search}”.`));
    }
    matches.forEach((c, i) =>
      list.appendChild(
        h(
          "li",
          {
            id: `${listId}-${i}`,
            role: "option",
            "aria-selected": "false",
            dataset: { id: c.id },
            // Pressed, not clicked: a click would blur the input first.
            onmousedown: (event) => {
              event.preventDefault();
              choose({ id: c.id, company: c.company });
            },
          },
          h("span", { class: "picker-company" }, c.company),
          c.billing_name ? h("span", { class: "picker-contact" }, c.billing_name) : null,
        ),
      ),
    );
    if (page.total > matches.length) {
      list.appendChild(h("li", { class: "picker-more" }, `${page.total - matches.length} more: type more of the name`));
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    mark(matches.length ? 0 : -1);
  };

  const search = async () => {
    const mine = ++asked;
    // The chosen company in the field is not a search: show the list.
    const text = current && input.value === current.company ? "" : input.value.trim();
    const page = await api.pageCustomers({ search: text, offset: 0, limit: SHOWN, sort, descending });
    if (mine === asked && document.activeElement === input) draw(text, page);
  };

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 80);
  });
  // Focus offers the list only when no one is chosen yet: a dialog that
  // opens on a chosen customer must not cover its own buttons.
  input.addEventListener("focus", () => {
    input.select();
    if (!current) search();
  });
  input.addEventListener("click", () => {
    if (list.hidden) search();
  });
  input.addEventListener("blur", () => {
    clearTimeout(timer);
    asked++;
    close();
    // An emptied field chooses no one; half-typed text goes back to the choice.
    if (!input.value.trim()) choose(null);
    else input.value = current ? current.company : "";
  });
  input.addEventListener("keydown", (event) => {
    const open = !list.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return search();
      const by = event.key === "ArrowDown" ? 1 : -1;
      if (matches.length) mark((active + by + matches.length) % matches.length);
    } else if (event.key === "Enter" && open) {
      // Picks the match; the form is not sent.
      event.preventDefault();
      const c = matches[active];
      if (c) choose({ id: c.id, company: c.company });
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      event.stopPropagation();
      close();
    }
  });

  return {
    element,
    input,
    get value() {
      return current ? current.id : null;
    },
    get chosen() {
      return current;
    },
    choose,
  };
}

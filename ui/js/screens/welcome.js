// The first thing a new owner sees: two clear ways to start.

import { h } from "../dom.js";
import { switchBook } from "../session.js";

export async function render(root, _params, ctx) {
  root.appendChild(
    h(
      "section",
      { class: "welcome" },
      h("h1", {}, "Welcome to Duly"),
      h("p", {}, "Send clear invoices, keep track of every promise to pay, and follow up personally, without losing the customer."),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "button primary", id: "setup-business", autofocus: true, onclick: () => ctx.go("#/setup") }, "Set up your business"),
        h("button", { type: "button", class: "button", id: "try-demo", onclick: () => switchBook(true) }, "Try with a demo book"),
      ),
    ),
  );
}

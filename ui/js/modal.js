// One plain-sentence confirmation for every irreversible action (issue, void),
// optionally with a few fields. Esc cancels, Enter confirms, Tab stays inside;
// focus returns to the control that opened it.

import { h, clear } from "./dom.js";
import { values, showErrors } from "./forms.js";

/**
 * Opens a dialog and resolves when it is done. `onConfirm(values)` may throw
 * an ApiError: its messages are shown in the dialog, which stays open.
 */
export function confirmDialog({ title, sentence, confirmLabel, cancelLabel = "Cancel", fields = [], onConfirm, danger = false }) {
  const root = document.getElementById("modal-root");
  // Focus goes back where it was (the button that opened the dialog), so a
  // keyboard user is not dropped at the top of the page.
  const opener = document.activeElement;
  return new Promise((resolve) => {
    const close = (result) => {
      clear(root);
      document.removeEventListener("keydown", onKey, true);
      if (opener && opener.isConnected && typeof opener.focus === "function") opener.focus();
      resolve(result);
    };
    const form = h(
      "form",
      // Duly checks the fields itself (its messages, beside each field).
      { class: "modal", role: "dialog", "aria-modal": "true", "aria-label": title, novalidate: true },
      h("h2", {}, title),
      h("p", {}, sentence),
      fields.length ? h("div", { class: "grid-2" }, fields) : null,
      h("div", { "data-form-errors": "" }),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "button", id: "modal-cancel", onclick: () => close(null) }, cancelLabel),
        h("button", { type: "submit", class: danger ? "button primary danger-fill" : "button primary", id: "modal-confirm" }, confirmLabel),
      ),
    );
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector("#modal-confirm");
      button.disabled = true;
      try {
        const result = await onConfirm(values(form));
        close(result ?? true);
      } catch (error) {
        button.disabled = false;
        showErrors(form, error);
      }
    });
    const onKey = (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        close(null);
      } else if (event.key === "Tab") {
        // Focus stays in the dialog: Tab from its last control goes back to
        // its first, never to the screen behind it.
        const controls = [...form.querySelectorAll("input, select, textarea, button, a[href]")].filter((el) => !el.disabled && el.offsetParent !== null);
        if (!controls.length) return;
        const first = controls[0];
        const last = controls[controls.length - 1];
        if (event.shiftKey && (document.activeElement === first || !form.contains(document.activeElement))) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && (document.activeElement === last || !form.contains(document.activeElement))) {
          event.preventDefault();
          first.focus();
        }
      }
    };
    document.addEventListener("keydown", onKey, true);
    root.appendChild(h("div", { class: "modal-backdrop" }, form));
    (form.querySelector("input, textarea") || form.querySelector("#modal-confirm")).focus();
  });
}

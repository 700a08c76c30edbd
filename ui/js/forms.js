// Reading forms and putting the core's messages beside the fields they concern.
// Inputs carry `name` (what is sent) and `data-field` (the core's field path,
// e.g. "billing.email" or "lines[2].quantity").

import { h } from "./dom.js";

/** Reads every named input of `form` into an object; "a.b" names nest; of radios, the one chosen. */
export function values(form) {
  const out = {};
  for (const el of form.querySelectorAll("[name]")) {
    if (el.type === "radio" && !el.checked) continue;
    const path = el.name.split(".");
    let target = out;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    target[path[path.length - 1]] = el.type === "checkbox" ? el.checked : inputValue(el);
  }
  return out;
}

/**
 * What an input holds. A date input holding an impossible day (02/31) has
 * no value at all, which would read as "required": it sends "?" instead, and
 * the core says the day does not exist.
 */
export function inputValue(el) {
  return el.validity && el.validity.badInput ? "?" : el.value;
}

export function clearErrors(root) {
  for (const el of root.querySelectorAll(".field-error, .form-error")) el.remove();
  for (const el of root.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

/**
 * Shows an ApiError: each field message right after its input; anything that
 * has no input on this screen in the form's general error line. `focus: false`
 * for checks while typing: moving the focus would send the keys elsewhere.
 */
export function showErrors(root, error, { only, focus = true } = {}) {
  clearErrors(root);
  const loose = [];
  const fields = error.fields || [];
  for (const { field, message } of fields) {
    if (only && !only(field)) continue;
    const input = root.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (!input) {
      loose.push(message);
      continue;
    }
    input.setAttribute("aria-invalid", "true");
    const note = h("p", { class: "field-error", role: "alert", dataset: { errorFor: field } }, message);
    input.insertAdjacentElement("afterend", note);
  }
  if (!fields.length) loose.push(error.message);
  if (loose.length) {
    const place = root.querySelector("[data-form-errors]") || root;
    place.appendChild(h("p", { class: "form-error", role: "alert" }, loose.join(" ")));
  }
  const first = root.querySelector("[aria-invalid='true']");
  if (focus && first) first.focus();
  // A message not beside a field may be below the fold (a long form):
  // brought into view, so pressing Save never seems to do nothing.
  else if (loose.length) [...root.querySelectorAll(".form-error")].pop()?.scrollIntoView({ block: "nearest" });
}

/** A labelled input bound to a core field path. */
export function field(label, name, value = "", { type = "text", hint, multiline, rows = 3, ...attrs } = {}) {
  const input = multiline
    ? h("textarea", { name, rows, dataset: { field: name }, ...attrs }, value ?? "")
    : h("input", { type, name, value: value ?? "", dataset: { field: name }, ...attrs });
  return h("label", { class: "field" }, label, input, hint ? h("span", { class: "hint" }, hint) : null);
}

export function select(label, name, options, current, attrs = {}) {
  const el = h(
    "select",
    { name, dataset: { field: name }, ...attrs },
    options.map(([value, text]) => h("option", { value, selected: String(value) === String(current ?? "") }, text)),
  );
  return h("label", { class: "field" }, label, el);
}

/**
 * A visible save state beside a form's Save button: "Unsaved changes" as
 * soon as anything is typed, "Saved" once it is. Returns what to call after
 * a save succeeds.
 */
export function saveState(form) {
  const note = h("span", { class: "save-state", role: "status" }, "");
  (form.querySelector(".form-actions") || form).appendChild(note);
  const show = (text, state) => {
    note.textContent = text;
    note.dataset.state = state;
  };
  form.addEventListener("input", () => show("Unsaved changes", "dirty"));
  form.addEventListener("change", () => show("Unsaved changes", "dirty"));
  return () => show("Saved", "saved");
}

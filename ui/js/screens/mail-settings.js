// The Email card in Settings: the SMTP server, and the password, which goes
// to the system keychain (never into the book).

import { api } from "../api.js";
import { h, toast } from "../dom.js";
import { field, select, values, showErrors, clearErrors } from "../forms.js";

export async function mailCard() {
  const m = await api.mailSettings();
  const form = h(
    "form",
    { class: "card", id: "mail-form", novalidate: true },
    h("h2", { class: "section-title first" }, "Email"),
    h("p", { class: "hint" }, "To send follow-ups from Duly. Without it you can still save a draft as an email file or open it in your mail app."),
    h(
      "div",
      { class: "grid-3 section-gap" },
      field("Server", "host", m.host, { placeholder: "smtp.example.com" }),
      field("Port", "port", String(m.port), { inputmode: "numeric" }),
      select("Security", "security", [["starttls", "STARTTLS (usually port 587)"], ["tls", "TLS (usually port 465)"], ["none", "None (local server only)"]], m.security),
      field("User name", "username", m.username, { autocomplete: "off" }),
      field("Password", "password", "", { type: "password", autocomplete: "new-password", hint: m.password_saved ? "Saved in your system keychain. Type a new one to replace it." : "Kept in your system keychain only." }),
      field("Sender name", "from_name", m.from_name),
      field("Sender address", "from_email", m.from_email, { type: "email" }),
    ),
    h("div", { "data-form-errors": "" }),
    h(
      "div",
      { class: "actions form-actions" },
      h("button", { type: "submit", class: "button" }, "Save email settings"),
      h("button", { type: "button", class: "button ghost", id: "test-mail", onclick: async () => {
        try {
          await api.testMailConnection();
          clearErrors(form);
          toast("Connected and logged in");
        } catch (error) {
          showErrors(form, error);
        }
      } }, "Test connection"),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api.saveMailSettings(values(form));
      form.querySelector('[name="password"]').value = "";
      clearErrors(form);
      toast("Email settings saved");
    } catch (error) {
      showErrors(form, error);
    }
  });
  return form;
}

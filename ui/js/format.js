// Money in the user's locale; dates in the book's style. Amounts arrive as exact decimal
// strings; Intl formats them as given (strings keep their precision where the
// engine supports it).

/** The user's locale; a POSIX "C" locale (no LANG set) is not a valid tag. */
const locale = (() => {
  for (const tag of [...(navigator.languages || []), navigator.language]) {
    try {
      if (tag) return Intl.getCanonicalLocales(tag)[0];
    } catch {
      // not a BCP 47 tag: try the next one
    }
  }
  return "en-US";
})();
const moneyFormats = new Map();

export function money(amount, currency) {
  if (amount === null || amount === undefined || amount === "") return "";
  try {
    let f = moneyFormats.get(currency);
    if (!f) {
      f = new Intl.NumberFormat(locale, { style: "currency", currency });
      moneyFormats.set(currency, f);
    }
    return f.format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

// Dates follow the book, not the machine: one style per book, from the
// business's country (Settings), as in its messages and PDFs. The month is a
// word either way, so "03/04" can never be misread.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
let dateStyle = "day_first";

/** Set from the book's overview when a book opens or its profile is saved. */
export function setDateStyle(style) {
  dateStyle = style === "month_first" ? "month_first" : "day_first";
  // The engine's own date fields follow the page's language: US English
  // writes 11/25/2026, British English 25/11/2026.
  document.documentElement.lang = dateStyle === "month_first" ? "en-US" : "en-GB";
}

function writeDay(y, m, d) {
  return dateStyle === "month_first" ? `${MONTHS[m - 1]} ${d}, ${y}` : `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "2026-11-25" → "Nov 25, 2026" in a US book, "25 Nov 2026" elsewhere. */
export function date(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d || m > 12) return iso;
  return writeDay(y, m, d);
}

/** A span of days, the year once when shared: "Oct 27 – Nov 25, 2026" (as the Rust side writes it). */
export function span(from, through) {
  if (from === through) return date(through);
  if (from.slice(0, 4) !== through.slice(0, 4)) return `${date(from)} – ${date(through)}`;
  const [, m, d] = from.split("-").map(Number);
  const start = dateStyle === "month_first" ? `${MONTHS[m - 1]} ${d}` : `${d} ${MONTHS[m - 1]}`;
  return `${start} – ${date(through)}`;
}

/**
 * A unit price as entered: "$12.345" keeps its third decimal, as on the PDF
 * (the line's amount is what gets rounded, by the money rule).
 */
export function unitPrice(amount, currency) {
  if (amount === null || amount === undefined || amount === "") return "";
  const decimals = (String(amount).split(".")[1] || "").length;
  try {
    const base = new Intl.NumberFormat(locale, { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
    if (decimals <= base) return money(amount, currency);
    return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function percent(text) {
  return text === "" || text === null || text === undefined ? "" : `${text}%`;
}

const STATUS_WORDS = { draft: "Draft", open: "Open", overdue: "Overdue", paid: "Paid", void: "Void" };
export function statusWord(status) {
  return STATUS_WORDS[status] || status;
}

export function daysLate(days) {
  if (!days) return "";
  return days === 1 ? "1 day" : `${days} days`;
}

const PROMISE_WORDS = { pending: "Pending", kept: "Kept", partly_kept: "Partly kept", broken: "Broken" };
export function promiseWord(status) {
  return PROMISE_WORDS[status] || status;
}

export const PROMISE_KINDS = [
  ["check_in_mail", "The check is in the mail"],
  ["transfer_scheduled", "Bank transfer scheduled"],
  ["pay_on_date", "Will pay on a date"],
  ["partial_amount", "Will pay part of it"],
];

export const METHODS = [
  ["check", "Check"],
  ["bank_transfer", "Bank transfer"],
  ["card", "Card"],
  ["cash", "Cash"],
  ["other", "Other"],
];

export function methodWord(method) {
  return (METHODS.find(([k]) => k === method) || [method, method])[1];
}

const OUTCOMES = { reached: "Reached", left_message: "Left a message", no_answer: "No answer", promised_to_pay: "Promised to pay", disputed: "Disputed", other: "Other" };
export function outcomeWord(outcome) {
  return OUTCOMES[outcome] || outcome;
}
export const OUTCOME_CHOICES = Object.entries(OUTCOMES);

const CHANNELS = { call: "Call", email: "Email", letter: "Letter", meeting: "Meeting" };
export function channelWord(channel) {
  return CHANNELS[channel] || channel;
}
export const CHANNEL_CHOICES = Object.entries(CHANNELS);

/** "2026-11-25T14:30" → "Nov 25, 2026, 2:30 PM" (US) or "25 Nov 2026, 14:30". */
export function dateTime(isoDate, time) {
  const [hh, mm] = (time || "00:00").split(":").map(Number);
  const [y, m, d] = isoDate.split("-").map(Number);
  const clock = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit", hour12: dateStyle === "month_first" }).format(new Date(y, m - 1, d, hh, mm));
  return `${writeDay(y, m, d)}, ${clock}`;
}

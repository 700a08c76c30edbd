// Money and dates in the user's locale. Amounts arrive as exact decimal
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

const dateFormat = new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric" });

/** "2026-11-25" → "Nov 25, 2026" (or the locale's way). */
export function date(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return dateFormat.format(new Date(y, m - 1, d));
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

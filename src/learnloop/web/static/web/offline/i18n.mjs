// Strings the browser writes, in the reader's language: Django's JavaScript catalogue
// (/jsi18n/, loaded by the page before the modules) when it is there, English when it is
// not (a page kept for offline use may run without it).
const catalogue = globalThis.django || null;

export function gettext(text) {
  return catalogue ? catalogue.gettext(text) : text;
}

export function ngettext(singular, plural, count) {
  if (catalogue) return catalogue.ngettext(singular, plural, count);
  return count === 1 ? singular : plural;
}

// "%(name)s" replaced by values[name], as Django's interpolate(…, true) does.
export function interpolate(text, values) {
  return text.replace(/%\((\w+)\)s/g, (match, name) => (name in values ? String(values[name]) : match));
}

/**
 * How the kiosk matches a visitor's surname against a registered name, and the little it may
 * show back. Names are entered by hosts as one free text ("Sanne de Vries"), so the surname is
 * any run of words at the end: "de Vries" and "Vries" both match, "Sanne" alone does not.
 */

/** Shorter than this, a lookup would match too many people to be a surname. */
export const MIN_SURNAME_LETTERS = 2;

// Dutch (and a few neighbouring) name particles: left out of the initials, as in "S. de Vries".
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', 'ter', 'ten', 'te', "'t", 't', 'in', 'op', 'aan', 'bij', 'uit', 'von', 'zu', 'du', 'la', 'le', 'da', 'di', 'del', 'dos', 'el', 'al']);

/** Lower case, without diacritics, punctuation and hyphens as spaces: "Oudekerk-Vlietstra" ~ "oudekerk vlietstra". */
export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The forms of a registered name a visitor may type as their surname: each run of words up to the end. */
export function surnameForms(name: string): string[] {
  const words = normaliseName(name).split(' ').filter(Boolean);
  return words.map((_, i) => words.slice(i).join(' '));
}

/** Whether `typed` is the surname of `name` (exactly, ignoring case, diacritics and punctuation). */
export function isSurnameOf(typed: string, name: string): boolean {
  const needle = normaliseName(typed);
  return needle.replace(/ /g, '').length >= MIN_SURNAME_LETTERS && surnameForms(name).includes(needle);
}

/** "Zwaantje Oudekerk-Vlietstra" → "Z.O.-V.", "Sanne de Vries" → "S.V.". */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return words
    .filter((w, i) => i === 0 || i === words.length - 1 || !PARTICLES.has(w.toLowerCase()))
    .map((w) =>
      w
        .split('-')
        .filter((part) => /\p{L}/u.test(part))
        .map((part) => `${part.match(/\p{L}/u)![0]!.toUpperCase()}.`)
        .join('-'),
    )
    .filter(Boolean)
    .join('');
}

/** The first word of a person's name: enough for a visitor to recognise their host. */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

import { createSignal } from 'solid-js';
import { addLanguage, errorText, hasLanguage, translate, type Language, type MessageKey } from '../shared/i18n.js';
import type { ErrorCode } from '../shared/errors.js';

const [lang, setLangSignal] = createSignal<Language>('nl');
export { lang };

let wanted: Language = 'nl';

/** Switches the language; English's text is loaded the first time (a small chunk, cached offline). */
export function setLang(l: Language): void {
  wanted = l;
  if (hasLanguage(l)) return apply(l);
  void import('../shared/i18n-en.js').then(({ english }) => {
    addLanguage('en', english);
    if (wanted === l) apply(l); // unless the person chose another language meanwhile
  });
}

function apply(l: Language): void {
  setLangSignal(l);
  document.documentElement.lang = l;
}

/** Reactive translation: re-evaluates when the language changes. */
export const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang(), key, params);
export const te = (code: ErrorCode | 'network' | 'unknown' | string) => errorText(lang(), code as ErrorCode);

/** "08:00" of an ISO string that carries the location's offset: its wall-clock part. */
export const timeOf = (iso: string) => iso.slice(11, 16);

/** "di 1 dec." / "Tue 1 Dec" of a local date or an ISO string in the location's zone. */
export function dayOf(isoOrDate: string, opts: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' }): string {
  const date = isoOrDate.slice(0, 10);
  return new Intl.DateTimeFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { ...opts, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

export const clock = (ms: number) =>
  new Intl.DateTimeFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(ms));

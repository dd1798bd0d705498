import { createSignal } from 'solid-js';

/** A small router over the History API: the app has a handful of flat routes. */
const [url, setUrl] = createSignal(new URL(location.href));
export { url };

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  setUrl(new URL(location.href));
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => setUrl(new URL(location.href)));

/** Click handler for in-app links: keeps modified clicks (new tab) working. */
export function linkClick(e: MouseEvent): void {
  const a = (e.currentTarget as HTMLAnchorElement);
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(a.getAttribute('href')!);
}

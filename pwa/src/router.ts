import { computed, signal } from '@preact/signals';
import { parseRoute } from './routes.ts';

const location = signal({ pathname: window.location.pathname, search: window.location.search });
export const route = computed(() => parseRoute(location.value.pathname, location.value.search));

/** `state` travels with the history entry (e.g. a shared product's name for the product view). */
export function navigate(path: string, options: { replace?: boolean; state?: unknown } = {}): void {
  if (options.replace) history.replaceState(options.state ?? null, '', path);
  else history.pushState(options.state ?? null, '', path);
  location.value = { pathname: window.location.pathname, search: window.location.search };
  window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => {
  location.value = { pathname: window.location.pathname, search: window.location.search };
});

/** Same-origin link clicks become client-side navigations. */
export function onLinkClick(event: MouseEvent): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
    return;
  const anchor = (event.target as Element | null)?.closest('a');
  if (!anchor || anchor.target || anchor.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}

// A small history-API router: the gateway answers index.html for every client route, so a reload
// or a shared link to /applications/<id> opens the right screen.
import { signal } from "@preact/signals";

export const path = signal(globalThis.location?.pathname ?? "/");
export const query = signal(globalThis.location?.search ?? "");

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, location.origin);
  if (url.pathname + url.search === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, "", url.pathname + url.search);
  else history.pushState(null, "", url.pathname + url.search);
  path.value = url.pathname;
  query.value = url.search;
  window.scrollTo(0, 0);
}

export function startRouter(): void {
  window.addEventListener("popstate", () => {
    path.value = location.pathname;
    query.value = location.search;
  });
  // Plain <a href="/..."> links navigate inside the app (modifier keys and new tabs still work).
  document.addEventListener("click", (event) => {
    const anchor = (event.target as Element | null)?.closest?.("a");
    if (!anchor || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const href = anchor.getAttribute("href");
    if (!href || !href.startsWith("/") || href.startsWith("//") || anchor.target || anchor.hasAttribute("download")) return;
    event.preventDefault();
    navigate(href);
  });
}

/** `/applications/:id` against the current path: the params, or null when it does not match. */
export function match(pattern: string, current: string): Record<string, string> | null {
  const want = pattern.split("/").filter(Boolean);
  const have = current.split("/").filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const part = want[i]!;
    if (part.startsWith(":")) params[part.slice(1)] = decodeURIComponent(have[i]!);
    else if (part !== have[i]) return null;
  }
  return params;
}

import {
  type AnchorHTMLAttributes,
  type MouseEvent,
  useCallback,
  useSyncExternalStore,
} from "react";

/**
 * A tiny router over the History API: the page is the path, filters and page settings are the
 * query string, so every view is a link. The server answers index.html for any non-API path.
 */
const EVENT = "journeylens:navigate";

function subscribe(callback: () => void) {
  window.addEventListener("popstate", callback);
  window.addEventListener(EVENT, callback);
  return () => {
    window.removeEventListener("popstate", callback);
    window.removeEventListener(EVENT, callback);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** The current path and query; re-renders on navigation. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const current = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(current, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
}

/** Goes to `to` (path and query); `replace` for changes that should not add history. */
export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.dispatchEvent(new Event(EVENT));
}

/** Sets, replaces or (with undefined / empty) removes query parameters, keeping the rest. */
export function updateQuery(
  changes: Record<string, string | readonly string[] | undefined>,
  options: { replace?: boolean } = {},
) {
  const query = new URLSearchParams(window.location.search);
  for (const [key, value] of Object.entries(changes)) {
    query.delete(key);
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== "") query.append(key, item);
  }
  const text = query.toString();
  navigate(`${window.location.pathname}${text ? `?${text}` : ""}`, options);
}

/** A link that navigates inside the app (ctrl/cmd-click still opens a new tab). */
export function Link({
  href,
  onClick,
  ...rest
}: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      onClick?.(event);
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate(href);
    },
    [href, onClick],
  );
  return <a href={href} onClick={handle} {...rest} />;
}

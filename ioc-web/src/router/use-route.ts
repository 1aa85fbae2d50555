// The current route as React state, following history.pushState navigation and the back/forward buttons.
import { useSyncExternalStore } from 'react';
import { routeForPath, type Route } from './routes.ts';

// pushState fires no event of its own, so navigate() raises this one for the subscribers.
const NAVIGATE_EVENT = 'ioc:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, currentPath, () => '/');
  return routeForPath(path);
}

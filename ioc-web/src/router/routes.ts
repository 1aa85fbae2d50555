// The app's views and the paths they live at; a pure mapping so it is testable without a browser.

export const VIEW_IDS = ['public', 'wall', 'leader', 'ops'] as const;
export type ViewId = (typeof VIEW_IDS)[number];
export type Route = ViewId | 'not-found';

export const VIEW_PATHS: Readonly<Record<ViewId, string>> = Object.freeze({
  public: '/',
  wall: '/wall',
  leader: '/leader',
  ops: '/ops',
});

/** Which view a location path shows. A trailing slash and letter case are forgiven; anything else is 'not-found'. */
export function routeForPath(pathname: string): Route {
  const trimmed = pathname.replace(/\/+$/, '').toLowerCase() || '/';
  for (const view of VIEW_IDS) {
    if (VIEW_PATHS[view] === trimmed) return view;
  }
  return 'not-found';
}

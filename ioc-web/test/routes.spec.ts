// The router sends each path to its view, forgives trailing slashes and case, and rejects the rest.
import { describe, expect, it } from 'vitest';
import { routeForPath, VIEW_IDS, VIEW_PATHS } from '../src/router/routes.ts';

describe('routeForPath', () => {
  it.each([
    ['/', 'public'],
    ['', 'public'],
    ['/wall', 'wall'],
    ['/leader', 'leader'],
    ['/ops', 'ops'],
    ['/wall/', 'wall'],
    ['/OPS', 'ops'],
  ])('%s shows %s', (path, view) => {
    expect(routeForPath(path)).toBe(view);
  });

  it.each(['/walls', '/wall/extra', '/tiles/style.json', '/index.html', '/leaderboard'])(
    '%s is not a view',
    (path) => {
      expect(routeForPath(path)).toBe('not-found');
    },
  );

  it('every view has a distinct path that routes back to it', () => {
    const paths = VIEW_IDS.map((view) => VIEW_PATHS[view]);
    expect(new Set(paths).size).toBe(VIEW_IDS.length);
    for (const view of VIEW_IDS) expect(routeForPath(VIEW_PATHS[view])).toBe(view);
  });
});

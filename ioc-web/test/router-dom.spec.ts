// @vitest-environment jsdom
// In a real DOM: a Link click changes the view without a reload, and the back button returns.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Link } from '../src/router/link.tsx';
import { useRoute } from '../src/router/use-route.ts';
import { createElement as h } from 'react';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Probe() {
  const route = useRoute();
  return h('div', null, h('output', null, route), h(Link, { href: '/ops' }, 'ops'));
}

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  window.history.replaceState(null, '', '/wall');
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('client-side routing', () => {
  it('renders the view for the current path, follows links, and goes back', async () => {
    act(() => root.render(h(Probe)));
    expect(container.querySelector('output')?.textContent).toBe('wall');

    act(() =>
      container.querySelector('a')?.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0 })),
    );
    expect(window.location.pathname).toBe('/ops');
    expect(container.querySelector('output')?.textContent).toBe('ops');

    await act(async () => {
      window.history.back();
      await new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    });
    expect(window.location.pathname).toBe('/wall');
    expect(container.querySelector('output')?.textContent).toBe('wall');
  });
});

// @vitest-environment jsdom
// In a real DOM: the VI | EN switch changes the strings, <html lang>, and the remembered choice.
import { act, createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import i18n from '../src/i18n/i18n.ts';
import { LANGUAGE_STORAGE_KEY } from '../src/i18n/language.ts';
import { LanguageSwitch } from '../src/components/language-switch.tsx';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('language switch', () => {
  it('starts in Vietnamese and switches to English and back', async () => {
    expect(i18n.language).toBe('vi');
    expect(document.documentElement.lang).toBe('vi');

    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    act(() => root.render(h(LanguageSwitch)));
    const button = (label: string) =>
      [...container.querySelectorAll('button')].find((b) => b.textContent === label) as HTMLButtonElement;
    expect(button('VI').getAttribute('aria-pressed')).toBe('true');

    await act(async () => button('EN').click());
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(button('EN').getAttribute('aria-pressed')).toBe('true');
    expect(i18n.t('layers.schools')).toBe('Schools');

    await act(async () => button('VI').click());
    expect(document.documentElement.lang).toBe('vi');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('vi');
    expect(i18n.t('layers.schools')).toBe('Trường học');
    act(() => root.unmount());
  });
});

// The UI starts in Vietnamese, remembers a valid choice, and survives storage that is missing or broken.
import { describe, expect, it } from 'vitest';
import { initialLanguage, LANGUAGE_STORAGE_KEY, rememberLanguage } from '../src/i18n/language.ts';

function fakeStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

const throwing = {
  getItem: (): string | null => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
};

describe('language choice', () => {
  it('defaults to Vietnamese', () => {
    expect(initialLanguage(fakeStorage())).toBe('vi');
    expect(initialLanguage(undefined)).toBe('vi');
  });

  it('uses a remembered English choice', () => {
    expect(initialLanguage(fakeStorage({ [LANGUAGE_STORAGE_KEY]: 'en' }))).toBe('en');
  });

  it('ignores a stored value that is not a supported language', () => {
    expect(initialLanguage(fakeStorage({ [LANGUAGE_STORAGE_KEY]: 'fr' }))).toBe('vi');
  });

  it('round-trips through storage', () => {
    const storage = fakeStorage();
    rememberLanguage(storage, 'en');
    expect(storage.data.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(initialLanguage(storage)).toBe('en');
  });

  it('does not throw when storage refuses', () => {
    expect(initialLanguage(throwing)).toBe('vi');
    expect(() => rememberLanguage(throwing, 'en')).not.toThrow();
  });
});

// PostGraphile 5 declares Node ≥ 22; the one newer API it calls that Node 20 lacks is
// Promise.withResolvers (ES2024). This adds it, with the standard semantics, only where it is missing.
// Imported first by postgraphile-server.ts, so it runs before PostGraphile's modules load.
declare global {
  interface PromiseConstructor {
    withResolvers?: unknown;
  }
}

if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>(this: PromiseConstructor) {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new this<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export {};

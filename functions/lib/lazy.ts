// The one way to build a handler's dependencies: a getter that builds its value on first use (a Lambda's
// cold start, in practice) and keeps it for the life of the process. `set` replaces it: the local runtime
// puts its stand-ins (SMS outbox, local workflows, local identity) in place this way.
//
// Each getter is declared `/* @__PURE__ */ lazy(...)` so esbuild drops the getters a handler never calls,
// and with them their stores and AWS clients: a handler's bundle carries only what it uses.
export interface Lazy<T> {
  (): T;
  set(value: T): void;
}

export function lazy<T>(make: () => T): Lazy<T> {
  let value: T | undefined;
  const get = (() => {
    value ??= make();
    return value;
  }) as Lazy<T>;
  get.set = (v: T) => {
    value = v;
  };
  return get;
}

/**
 * A zod schema built on its first use instead of when its module loads. Building a schema allocates every part of it
 * (zod attaches its methods to each instance), and the command line loads hundreds of schemas of which one diagnosis
 * uses a few dozen: built at load, they were a fifth of a whole `rdp-doctor diagnose` process. The value stands in
 * for the schema everywhere (parse, compose, extend, instanceof); only its identity differs from the built one's.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const real = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(real(), key),
    has: (_target, key) => Reflect.has(real(), key),
    set: (_target, key, value) => Reflect.set(real(), key, value),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // The stand-in has no own properties: a proxy may report one only as configurable.
      if (descriptor) descriptor.configurable = true;
      return descriptor;
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
  });
}

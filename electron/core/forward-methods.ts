/**
 * Methods that each wait for an object and call its method of the same name: one typed helper in place of a
 * hand-written forwarder per method (the account, opened lazily, behind the reader core).
 */
type AsyncMethod = (input: never) => Promise<unknown>;

export function forwardMethods<T extends { [P in K]: AsyncMethod }, K extends keyof T>(
  names: readonly K[],
  target: () => T | Promise<T>,
): Pick<T, K> {
  const forwarded = new Map<K, AsyncMethod>(names.map((name) => [name, async (input: never) => (await target())[name](input)]));
  // Every name in `names` got its method of the same signature; the compiler cannot follow that through a map.
  return Object.fromEntries(forwarded) as Pick<T, K>;
}

import { IResolver } from '../projen-api';

/**
 * A resolver for an object file whose `tables` (top-level keys of `obj`) map names to
 * plain data. projen's resolver reads an object's own `constructor` or `toJSON` key as
 * the object's machinery and throws ("only data types can be resolved"), yet both are
 * legitimate package and script names; these tables hold no lazy values inside, so they
 * skip it (a table given as a function is called once).
 */
export function plainTablesResolver(resolver: IResolver, obj: Record<string, unknown>, tables: readonly string[]): IResolver {
  return {
    resolve: (value, options) => {
      if (value !== obj) return resolver.resolve(value, options);
      const entries = Object.entries(obj).map(([key, entry]): [string, unknown] => [
        key,
        tables.includes(key) ? (typeof entry === 'function' ? entry() : entry) : resolver.resolve(entry, options),
      ]);
      return Object.fromEntries(entries.filter(([, resolved]) => resolved !== undefined));
    },
  };
}

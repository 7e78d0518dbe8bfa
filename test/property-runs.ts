/** Locally (without `process.env.CI`) a property test generates this fraction of its full count of cases. */
export const LOCAL_PROPERTY_FRACTION = 0.05;

/**
 * How many cases a property test generates, the one place the counts are decided: `full`
 * under CI (`process.env.CI`), a twentieth of it locally (at least 10), so `npx projen test`
 * stays fast while CI checks every property as often as it always did.
 */
export function propertyRuns(full: number): number {
  if (process.env.CI) return full;
  return Math.max(10, Math.ceil(full * LOCAL_PROPERTY_FRACTION));
}

/**
 * fast-check's parameters for a property with `full` cases under CI: there a new random
 * seed on every run (fast-check prints it with a failure, to replay it); locally the
 * fewer cases come from one fixed seed, so a local run is the same every time and cannot
 * miss, by chance, the accepted or the refused values a property must see both of.
 */
export function propertyParameters(full: number): { readonly numRuns: number; readonly seed?: number } {
  return process.env.CI ? { numRuns: full } : { numRuns: propertyRuns(full), seed: LOCAL_SEED };
}

const LOCAL_SEED = 19;

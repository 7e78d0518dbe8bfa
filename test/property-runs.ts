/** Locally (without `process.env.CI`) a property test generates this fraction of its full count of cases. */
export const LOCAL_PROPERTY_FRACTION = 0.2;

/**
 * How many cases a property test generates, the one place the counts are decided: `full`
 * under CI (`process.env.CI`), a fifth of it locally (at least 10), so `npx projen test`
 * stays fast while CI checks every property as often as it always did.
 */
export function propertyRuns(full: number): number {
  if (process.env.CI) return full;
  return Math.max(10, Math.ceil(full * LOCAL_PROPERTY_FRACTION));
}

/** Whether two flat records hold the same values: for `distinctUntilChanged` on combined states. */
export function sameFields<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as (keyof T)[]).every((key) => a[key] === b[key]);
}

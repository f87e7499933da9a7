// Templates read view models in camelCase, never database rows (docs/architecture.md, Presenters).

/**
 * The paths of every snake_case key in a view model, looking through arrays and plain objects.
 * `skip` names keys whose values are not looked into (none of the pages needs one now).
 */
export function snakeCaseKeys(value: unknown, skip: readonly string[] = [], path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => snakeCaseKeys(v, skip, `${path}[${i}]`));
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = path ? `${path}.${key}` : key;
    return [...(/[a-z0-9]_[a-z0-9]/i.test(key) ? [here] : []), ...(skip.includes(key) ? [] : snakeCaseKeys(v, skip, here))];
  });
}

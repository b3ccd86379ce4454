import { updateQuery, useLocation } from "./router.tsx";

/** A page setting kept in the URL query (so the view is a link), with its default. */
export function useQueryParam<T extends string = string>(
  name: string,
  fallback: NoInfer<T>,
): [T, (value: T | undefined) => void] {
  const { query } = useLocation();
  const value = (query.get(name) as T | null) ?? fallback;
  const set = (next: T | undefined) =>
    updateQuery(
      { [name]: next === undefined || next === fallback ? undefined : next },
      { replace: true },
    );
  return [value, set];
}

/** A repeated query parameter (e.g. funnel steps). */
export function useQueryList(name: string): [string[], (values: string[]) => void] {
  const { query } = useLocation();
  return [query.getAll(name), (values) => updateQuery({ [name]: values }, { replace: true })];
}

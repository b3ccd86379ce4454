/** The result of one pipeline step: a value, or a drop that names the field and the reason. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; field: string; reason: string };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const drop = <T = never>(field: string, reason: string): Outcome<T> => ({
  ok: false,
  field,
  reason,
});

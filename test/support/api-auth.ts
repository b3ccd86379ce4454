import { AccessService } from "../../src/auth/access-service.ts";
import type { Role } from "../../src/core/auth/roles.ts";
import type { Runtime } from "../../src/runtime/runtime.ts";

type AccessRuntime = Pick<Runtime, "store" | "config">;

const accessOf = (runtime: AccessRuntime) => new AccessService(runtime.store, runtime.config.auth);

/** Headers with a fresh API key of this role, for `app.inject` or fetch. */
export async function apiHeaders(
  runtime: AccessRuntime,
  role: Role = "analyst",
): Promise<Record<string, string>> {
  const key = await accessOf(runtime).createKey({ name: `test ${role}`, role });
  return { authorization: `Bearer ${key.secret}` };
}

/** Creates (or resets) a dashboard user. */
export function createUser(
  runtime: AccessRuntime,
  user: { username: string; password: string; role: Role },
) {
  return accessOf(runtime).setUser(user);
}

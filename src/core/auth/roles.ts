import { z } from "zod";

/** Who may do what (docs/access.md): viewers read, analysts also run ad-hoc specs, admins manage. */
export const ROLES = ["viewer", "analyst", "admin"] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** What a request needs: nothing, to read, to run an analysis from a posted spec, or to manage. */
export type Permission = "public" | "read" | "run" | "admin";

const RANK: Record<Role, number> = { viewer: 1, analyst: 2, admin: 3 };
const NEEDS: Record<Exclude<Permission, "public">, number> = { read: 1, run: 2, admin: 3 };

export const allows = (role: Role, permission: Permission): boolean =>
  permission === "public" || RANK[role] >= NEEDS[permission];

const PUBLIC_API = new Set(["/api/health", "/api/openapi.json", "/api/auth/login"]);
const ADMIN_PREFIXES = ["/api/sources", "/api/keys", "/api/users"];

/**
 * The permission an HTTP request needs. Only `/api/*` is guarded here: ingestion (`/v1/*`)
 * has write keys, and the dashboard's static files are public (they hold no data).
 */
export function permissionFor(method: string, url: string): Permission {
  const path = url.split("?")[0] ?? url;
  if (!path.startsWith("/api/") || PUBLIC_API.has(path)) return "public";
  if (path === "/api/auth/logout" || path === "/api/auth/me") return "read";
  if (ADMIN_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return "admin";
  return method === "GET" || method === "HEAD" ? "read" : "run";
}

import { describe, expect, it } from "vitest";
import { allows, permissionFor } from "./roles.ts";

describe("permissions", () => {
  it("leaves ingestion, health, the OpenAPI document and login public", () => {
    expect(permissionFor("POST", "/v1/batch")).toBe("public");
    expect(permissionFor("GET", "/api/health")).toBe("public");
    expect(permissionFor("GET", "/api/openapi.json?x=1")).toBe("public");
    expect(permissionFor("POST", "/api/auth/login")).toBe("public");
    expect(permissionFor("GET", "/")).toBe("public");
  });

  it("needs read for GET analyses, run for posted specs, admin for management", () => {
    expect(permissionFor("GET", "/api/funnel?step=a")).toBe("read");
    expect(permissionFor("POST", "/api/funnel")).toBe("run");
    expect(permissionFor("GET", "/api/auth/me")).toBe("read");
    expect(permissionFor("GET", "/api/keys")).toBe("admin");
    expect(permissionFor("DELETE", "/api/keys/k1")).toBe("admin");
    expect(permissionFor("GET", "/api/sources")).toBe("admin");
    expect(permissionFor("GET", "/api/sourcesX")).toBe("read");
  });

  it("orders the roles viewer < analyst < admin", () => {
    expect(allows("viewer", "read")).toBe(true);
    expect(allows("viewer", "run")).toBe(false);
    expect(allows("analyst", "run")).toBe(true);
    expect(allows("analyst", "admin")).toBe(false);
    expect(allows("admin", "admin")).toBe(true);
  });
});

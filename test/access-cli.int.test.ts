import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AccessService } from "../src/auth/access-service.ts";
import { buildProgram } from "../src/cli/program.ts";
import { parseConfig } from "../src/runtime/config.ts";
import { openStore } from "../src/store/open-store.ts";
import { DIALECTS, freshTarget, type StoreTarget } from "./support/stores.ts";

for (const dialect of DIALECTS) {
  describe(`journeylens users / keys commands on ${dialect}`, () => {
    let target: StoreTarget;
    let output: string;

    beforeEach(async () => {
      target = await freshTarget(dialect);
      output = "";
      vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
        output += String(chunk);
        return true;
      });
    });
    afterEach(async () => {
      vi.restoreAllMocks();
      await target.cleanup();
    });

    async function journeylens(...args: string[]) {
      output = "";
      const location = target.pg ? ["--pg", target.pg] : ["--db", target.db ?? ""];
      await buildProgram()
        .exitOverride()
        .parseAsync([...location, ...args], { from: "user" });
      return output.trim() ? JSON.parse(output) : undefined;
    }

    async function authenticate(credentials: { bearer?: string; password?: string }) {
      const store = await openStore(target.pg ? { pg: target.pg } : { db: target.db ?? "" });
      try {
        const access = new AccessService(store, parseConfig({}).auth);
        if (credentials.bearer) return await access.authenticate({ bearer: credentials.bearer });
        const session = await access.login("lin", credentials.password ?? "");
        return await access.authenticate({ session: session.token });
      } finally {
        await store.close();
      }
    }

    it("creates users with a generated password and keys whose secret works once shown", async () => {
      const user = await journeylens("users", "create", "lin", "--role", "analyst", "--json");
      expect(user).toMatchObject({ username: "lin", role: "analyst" });
      expect(user.password.length).toBeGreaterThanOrEqual(12);
      expect(await authenticate({ password: user.password })).toMatchObject({
        name: "lin",
        role: "analyst",
      });

      const key = await journeylens(
        "keys",
        "create",
        "nightly export",
        "--role",
        "viewer",
        "--json",
      );
      expect(await authenticate({ bearer: key.secret })).toMatchObject({ role: "viewer" });
      const listed = await journeylens("keys", "list", "--json");
      expect(listed).toHaveLength(1);
      expect(JSON.stringify(listed)).not.toContain(key.secret);
      await journeylens("keys", "revoke", key.id);
      expect(await authenticate({ bearer: key.secret })).toBeUndefined();
      await expect(journeylens("keys", "create", "x", "--role", "root")).rejects.toThrow(/role/);
    });
  });
}

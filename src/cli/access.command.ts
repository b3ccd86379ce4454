import type { Command } from "commander";
import { AccessService } from "../auth/access-service.ts";
import { newPassword } from "../auth/secrets.ts";
import type { Role } from "../core/auth/roles.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { print, withRuntime } from "./with-runtime.ts";

const accessOf = ({ store, config }: Runtime) => new AccessService(store, config.auth);
const ROLE_HELP = "viewer (read), analyst (read and run specs) or admin (also manage)";

/** `journeylens users …` and `journeylens keys …`: who may use the dashboard and `/api`. */
export function registerAccessCommands(program: Command) {
  const users = program.command("users").description("dashboard users and their roles");
  users
    .command("create <username>")
    .description("create a user (or reset its password and role); prints a generated password")
    .requiredOption("--role <role>", ROLE_HELP)
    .option("--password <password>", "the password (default: a generated one, printed)")
    .option("--json", "print JSON")
    .action((username: string, flags: { role: Role; password?: string; json?: boolean }, cmd) =>
      withRuntime(cmd, async (runtime) => {
        const password = flags.password ?? newPassword();
        const user = await accessOf(runtime).setUser({ username, password, role: flags.role });
        const shown = flags.password ? undefined : password;
        print({ ...user, password: shown }, flags, () =>
          [`user     ${user.username} (${user.role})`, shown ? `password ${shown}` : ""]
            .filter(Boolean)
            .join("\n"),
        );
      }),
    );
  users
    .command("list")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }, cmd: Command) =>
      withRuntime(cmd, async (runtime) => {
        const list = await accessOf(runtime).listUsers();
        print(list, flags, () =>
          list.length === 0
            ? "no users yet: journeylens users create NAME --role admin"
            : list.map((u) => `${u.username.padEnd(24)} ${u.role}`).join("\n"),
        );
      }),
    );
  users
    .command("delete <username>")
    .action((username: string, _flags: unknown, cmd: Command) =>
      withRuntime(cmd, (runtime) => accessOf(runtime).deleteUser(username)),
    );

  const keys = program.command("keys").description("API keys for /api, each with a role");
  keys
    .command("create <name>")
    .description("create an API key; its secret is printed once")
    .requiredOption("--role <role>", ROLE_HELP)
    .option("--json", "print JSON")
    .action((name: string, flags: { role: Role; json?: boolean }, cmd: Command) =>
      withRuntime(cmd, async (runtime) => {
        const key = await accessOf(runtime).createKey({ name, role: flags.role });
        print(key, flags, () =>
          [
            `key    ${key.id} "${key.name}" (${key.role})`,
            `secret ${key.secret}   (shown once: send it as Authorization: Bearer <secret>)`,
          ].join("\n"),
        );
      }),
    );
  keys
    .command("list")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }, cmd: Command) =>
      withRuntime(cmd, async (runtime) => {
        const list = await accessOf(runtime).listKeys();
        print(list, flags, () =>
          list.length === 0
            ? "no API keys yet: journeylens keys create NAME --role viewer"
            : list
                .map(
                  (k) =>
                    `${k.id}  ${k.role.padEnd(8)} ${k.name.padEnd(24)} ${k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : `last used ${k.lastUsedAt?.toISOString() ?? "never"}`}`,
                )
                .join("\n"),
        );
      }),
    );
  keys
    .command("revoke <id>")
    .action((id: string, _flags: unknown, cmd: Command) =>
      withRuntime(cmd, (runtime) => accessOf(runtime).revokeKey(id)),
    );
}

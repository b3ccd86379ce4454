import { randomBytes } from "node:crypto";
import { AppError } from "../core/app-error.ts";
import { type Role, RoleSchema } from "../core/auth/roles.ts";
import type { EventStore } from "../store/event-store.ts";
import { AccessRepository, type ApiKeyRecord } from "./access-repository.ts";
import { hashPassword, hashSecret, newSecret, verifyPassword } from "./secrets.ts";

/** Who made a request: a logged-in user or an API key, with its role. */
export interface Principal {
  kind: "user" | "key";
  name: string;
  role: Role;
}

export interface AccessOptions {
  sessionHours: number;
}

const USERNAME = /^[\w.@-]{1,64}$/;
/** A key's last use is written at most this often, so reads don't queue behind writes. */
const TOUCH_INTERVAL_MS = 60_000;

/** Users, API keys and login sessions (docs/access.md). */
export class AccessService {
  readonly #repo: AccessRepository;
  readonly #touched = new Map<string, number>();

  constructor(
    store: EventStore,
    private readonly options: AccessOptions,
  ) {
    this.#repo = new AccessRepository(store);
  }

  /** Creates the user, or replaces its password and role. */
  async setUser(input: { username: string; password: string; role: Role }, now = new Date()) {
    const username = input.username.trim();
    if (!USERNAME.test(username))
      throw new AppError(
        "invalid_request",
        `username "${input.username}" must be 1–64 letters, digits, '.', '_', '@' or '-'`,
        "username",
      );
    if (input.password.length < 8)
      throw new AppError("invalid_request", "password must have at least 8 characters", "password");
    const role = parseRole(input.role);
    const passwordHash = await hashPassword(input.password);
    await this.#repo.upsertUser({ username, passwordHash, role, createdAt: now });
    return { username, role };
  }

  listUsers() {
    return this.#repo.listUsers();
  }

  deleteUser(username: string) {
    return this.#repo.deleteUser(username);
  }

  /** A session token for the user, or `unauthorized` (same answer for unknown user and bad password). */
  async login(username: string, password: string, now = new Date()) {
    const user = await this.#repo.findUser(username.trim());
    if (!user || !(await verifyPassword(password, user.passwordHash)))
      throw new AppError("unauthorized", "wrong username or password");
    const token = newSecret("jls_");
    const expires = new Date(now.getTime() + this.options.sessionHours * 3_600_000);
    await this.#repo.insertSession(hashSecret(token), user.username, now, expires);
    return { token, expires, user: { username: user.username, role: user.role } };
  }

  logout(token: string, now = new Date()) {
    return this.#repo.deleteSession(hashSecret(token), now);
  }

  /** Creates an API key; its secret is returned once and only its hash is kept. */
  async createKey(input: { name: string; role: Role }, now = new Date()) {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100)
      throw new AppError("invalid_request", "name must have 1–100 characters", "name");
    const key: ApiKeyRecord = {
      id: `key_${randomBytes(6).toString("hex")}`,
      name,
      role: parseRole(input.role),
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    };
    const secret = newSecret("jlk_");
    await this.#repo.insertKey(key, hashSecret(secret));
    return { ...key, secret };
  }

  listKeys() {
    return this.#repo.listKeys();
  }

  async revokeKey(id: string, now = new Date()) {
    if (!(await this.#repo.revokeKey(id, now)))
      throw new AppError("not_found", `no live API key ${id}`, "id");
  }

  /** The principal behind a bearer key or session cookie; undefined when neither is valid. */
  async authenticate(
    credentials: { bearer?: string; session?: string },
    now = new Date(),
  ): Promise<Principal | undefined> {
    if (credentials.bearer) {
      const key = await this.#repo.findKeyByHash(hashSecret(credentials.bearer));
      if (!key || key.revokedAt) return undefined;
      await this.#touch(key.id, now);
      return { kind: "key", name: key.name, role: key.role };
    }
    if (credentials.session) {
      const user = await this.#repo.findSessionUser(hashSecret(credentials.session), now);
      return user ? { kind: "user", name: user.username, role: user.role } : undefined;
    }
    return undefined;
  }

  async #touch(id: string, now: Date) {
    const last = this.#touched.get(id) ?? 0;
    if (now.getTime() - last < TOUCH_INTERVAL_MS) return;
    this.#touched.set(id, now.getTime());
    await this.#repo.touchKey(id, now);
  }
}

function parseRole(role: unknown): Role {
  const parsed = RoleSchema.safeParse(role);
  if (!parsed.success)
    throw new AppError("invalid_request", "role must be viewer, analyst or admin", "role");
  return parsed.data;
}

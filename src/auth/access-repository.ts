import type { Role } from "../core/auth/roles.ts";
import { date } from "../store/event-query.ts";
import type { EventStore } from "../store/event-store.ts";

export interface UserRecord {
  username: string;
  passwordHash: string;
  role: Role;
  createdAt: Date;
}

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

type Row = Record<string, unknown>;
const optionalDate = (v: unknown) => (v === null || v === undefined ? null : date(v));
const TS = "CAST($%d AS TIMESTAMPTZ)";
const ts = (n: number) => TS.replace("%d", String(n));

const toUser = (row: Row): UserRecord => ({
  username: String(row.username),
  passwordHash: String(row.password_hash),
  role: row.role as Role,
  createdAt: date(row.created_at),
});

const toKey = (row: Row): ApiKeyRecord => ({
  id: String(row.id),
  name: String(row.name),
  role: row.role as Role,
  createdAt: date(row.created_at),
  lastUsedAt: optionalDate(row.last_used_at),
  revokedAt: optionalDate(row.revoked_at),
});

/** Users, API keys and sessions in the store's own tables (migration 3), same SQL on both stores. */
export class AccessRepository {
  constructor(private readonly store: EventStore) {}

  async upsertUser(user: UserRecord): Promise<void> {
    await this.store.exec("DELETE FROM users WHERE username = $1", [user.username]);
    await this.store.exec(
      `INSERT INTO users (username, password_hash, role, created_at) VALUES ($1, $2, $3, ${ts(4)})`,
      [user.username, user.passwordHash, user.role, user.createdAt.toISOString()],
    );
  }

  async findUser(username: string): Promise<UserRecord | undefined> {
    const rows = await this.store.query("SELECT * FROM users WHERE username = $1", [username]);
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async listUsers(): Promise<Omit<UserRecord, "passwordHash">[]> {
    const rows = await this.store.query("SELECT * FROM users ORDER BY username");
    return rows.map(toUser).map(({ passwordHash: _, ...user }) => user);
  }

  async deleteUser(username: string): Promise<void> {
    await this.store.exec("DELETE FROM auth_sessions WHERE username = $1", [username]);
    await this.store.exec("DELETE FROM users WHERE username = $1", [username]);
  }

  async insertKey(key: ApiKeyRecord, keyHash: string): Promise<void> {
    await this.store.exec(
      `INSERT INTO api_keys (id, name, role, key_hash, created_at) VALUES ($1, $2, $3, $4, ${ts(5)})`,
      [key.id, key.name, key.role, keyHash, key.createdAt.toISOString()],
    );
  }

  async findKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const rows = await this.store.query("SELECT * FROM api_keys WHERE key_hash = $1", [keyHash]);
    return rows[0] ? toKey(rows[0]) : undefined;
  }

  async listKeys(): Promise<ApiKeyRecord[]> {
    return (await this.store.query("SELECT * FROM api_keys ORDER BY created_at, id")).map(toKey);
  }

  /** True when a live key was revoked. */
  async revokeKey(id: string, at: Date): Promise<boolean> {
    const live = await this.store.query(
      "SELECT id FROM api_keys WHERE id = $1 AND revoked_at IS NULL",
      [id],
    );
    if (live.length === 0) return false;
    await this.store.exec(`UPDATE api_keys SET revoked_at = ${ts(2)} WHERE id = $1`, [
      id,
      at.toISOString(),
    ]);
    return true;
  }

  async touchKey(id: string, at: Date): Promise<void> {
    await this.store.exec(`UPDATE api_keys SET last_used_at = ${ts(2)} WHERE id = $1`, [
      id,
      at.toISOString(),
    ]);
  }

  async insertSession(tokenHash: string, username: string, created: Date, expires: Date) {
    await this.store.exec(
      `INSERT INTO auth_sessions (token_hash, username, created_at, expires_at) VALUES ($1, $2, ${ts(3)}, ${ts(4)})`,
      [tokenHash, username, created.toISOString(), expires.toISOString()],
    );
  }

  /** The user of a session that has not expired at `now`. */
  async findSessionUser(tokenHash: string, now: Date): Promise<UserRecord | undefined> {
    const rows = await this.store.query(
      `SELECT u.* FROM auth_sessions s JOIN users u ON u.username = s.username
       WHERE s.token_hash = $1 AND s.expires_at > ${ts(2)}`,
      [tokenHash, now.toISOString()],
    );
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async deleteSession(tokenHash: string, now: Date): Promise<void> {
    await this.store.exec(
      `DELETE FROM auth_sessions WHERE token_hash = $1 OR expires_at <= ${ts(2)}`,
      [tokenHash, now.toISOString()],
    );
  }
}

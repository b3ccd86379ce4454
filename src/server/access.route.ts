import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { AccessService, Principal } from "../auth/access-service.ts";
import { AppError } from "../core/app-error.ts";
import { allows, permissionFor, RoleSchema } from "../core/auth/roles.ts";
import { parseInput } from "../core/parse-input.ts";

export const SESSION_COOKIE = "journeylens_session";

declare module "fastify" {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const LoginBody = z.object({ username: z.string(), password: z.string() });
const KeyBody = z.object({ name: z.string(), role: RoleSchema });
const UserBody = z.object({ username: z.string(), password: z.string(), role: RoleSchema });

/**
 * Guards `/api/*` (docs/access.md): a session cookie from `POST /api/auth/login` or
 * `Authorization: Bearer <API key>`, and a role that allows the request. Also the login,
 * API-key and user endpoints.
 */
export function registerAccessRoutes(app: FastifyInstance, access: AccessService) {
  app.addHook("onRequest", async (request) => {
    const permission = permissionFor(request.method, request.url);
    if (permission === "public") return;
    const principal = await access.authenticate(credentialsOf(request));
    if (!principal)
      throw new AppError(
        "unauthorized",
        "log in (POST /api/auth/login) or send an API key as Authorization: Bearer <key>",
      );
    if (!allows(principal.role, permission))
      throw new AppError("forbidden", `the ${principal.role} role cannot ${permission} here`);
    request.principal = principal;
  });

  app.post("/api/auth/login", async (request, reply) => {
    const { username, password } = parseInput(LoginBody, request.body);
    const session = await access.login(username, password);
    setSessionCookie(reply, session.token, session.expires);
    return { user: session.user };
  });
  app.post("/api/auth/logout", async (request, reply) => {
    const token = credentialsOf(request).session;
    if (token) await access.logout(token);
    setSessionCookie(reply, "", new Date(0));
    return reply.status(204).send();
  });
  app.get("/api/auth/me", async (request) => ({
    user: { username: request.principal?.name, role: request.principal?.role },
    via: request.principal?.kind,
  }));

  app.get("/api/keys", async () => ({ keys: await access.listKeys() }));
  app.post("/api/keys", async (request, reply) => {
    const key = await access.createKey(parseInput(KeyBody, request.body));
    return reply.status(201).send({ key });
  });
  app.delete("/api/keys/:id", async (request, reply) => {
    await access.revokeKey((request.params as { id: string }).id);
    return reply.status(204).send();
  });

  app.get("/api/users", async () => ({ users: await access.listUsers() }));
  app.post("/api/users", async (request, reply) => {
    const user = await access.setUser(parseInput(UserBody, request.body));
    return reply.status(201).send({ user });
  });
}

function credentialsOf(request: FastifyRequest): { bearer?: string; session?: string } {
  const authorization = request.headers.authorization;
  const bearer = authorization?.startsWith("Bearer ") ? authorization.slice(7).trim() : undefined;
  return { bearer, session: cookie(request.headers.cookie, SESSION_COOKIE) };
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

function setSessionCookie(reply: FastifyReply, token: string, expires: Date) {
  reply.header(
    "set-cookie",
    `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Expires=${expires.toUTCString()}`,
  );
}

import { z } from "zod";
import { RoleSchema } from "../core/auth/roles.ts";
import { jsonRequestBody } from "./analysis-routes.ts";

const ok = (description: string) => ({ description });
const security = [{ apiKey: [] }, { session: [] }];

/** Security schemes of `/api` (merged into the document's components). */
export const accessSecuritySchemes = {
  apiKey: { type: "http", scheme: "bearer", description: "an API key: journeylens keys create" },
  session: { type: "apiKey", in: "cookie", name: "journeylens_session" },
};

/** The OpenAPI paths of login, API keys, users and sources (docs/access.md). */
export const accessPaths = {
  "/api/auth/login": {
    post: {
      summary: "Log in: sets the journeylens_session cookie",
      security: [],
      requestBody: jsonRequestBody(z.object({ username: z.string(), password: z.string() })),
      responses: { "200": ok("the user and role"), "401": ok("wrong username or password") },
    },
  },
  "/api/auth/logout": {
    post: { summary: "Log out", security, responses: { "204": ok("logged out") } },
  },
  "/api/auth/me": {
    get: { summary: "Who is calling, with which role", security, responses: { "200": ok("") } },
  },
  "/api/keys": {
    get: { summary: "API keys (admin)", security, responses: { "200": ok("keys, no secrets") } },
    post: {
      summary: "Create an API key (admin); the secret is in this answer only",
      security,
      requestBody: jsonRequestBody(z.object({ name: z.string(), role: RoleSchema })),
      responses: { "201": ok("the key with its secret") },
    },
  },
  "/api/keys/{id}": {
    delete: {
      summary: "Revoke an API key (admin)",
      security,
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: { "204": ok("revoked"), "404": ok("no live key with this id") },
    },
  },
  "/api/users": {
    get: { summary: "Dashboard users (admin)", security, responses: { "200": ok("users") } },
    post: {
      summary: "Create a user or reset its password and role (admin)",
      security,
      requestBody: jsonRequestBody(
        z.object({ username: z.string(), password: z.string(), role: RoleSchema }),
      ),
      responses: { "201": ok("the user") },
    },
  },
  "/api/sources": {
    get: {
      summary: "Sources with their write keys and stored events (admin)",
      security,
      responses: { "200": ok("sources") },
    },
    post: {
      summary: "Create a source with a new write key (admin)",
      security,
      requestBody: jsonRequestBody(z.object({ name: z.string() })),
      responses: { "201": ok("the source and its write key") },
    },
  },
};

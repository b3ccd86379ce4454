import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../core/app-error.ts";
import { parseKey } from "../core/identity/identifier.ts";
import { identityOptionsOf } from "../identity/identity-config.ts";
import { IdentityService } from "../identity/identity-service.ts";
import type { Runtime } from "../runtime/runtime.ts";

const Limit = z.coerce.number().int().min(1).max(10_000).optional();
const ProfileQuery = z.object({ limit: Limit });
const SearchQuery = z.object({ q: z.string().trim().min(1, "required"), limit: Limit });
const SplitBody = z.object({
  identifiers: z.array(z.string().min(1)).min(1, "name at least one identifier"),
  note: z.string().max(500).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  throw new AppError("invalid_request", `${field ?? "request"}: ${issue?.message}`, field);
}

/** The service a runtime wired, or one over its store (runtimes built by hand in tests). */
function identityOf(runtime: Runtime): IdentityService {
  return (
    runtime.identity ??
    new IdentityService(runtime.store, {
      identity: identityOptionsOf(runtime.config.identity, runtime.config.defaultRegion),
      updates: runtime.config.identity.updates,
      traitSourcePriority: runtime.config.identity.traitSourcePriority,
    })
  );
}

/** The single customer view: `/api/profiles…` and identity administration `/api/identity…`. */
export function registerProfileRoutes(app: FastifyInstance, runtime: Runtime) {
  const identity = identityOf(runtime);
  const notFound = (identifier: string) =>
    new AppError("not_found", `no profile has the identifier "${identifier}"`, "identifier");

  app.get<{ Params: { identifier: string } }>("/api/profiles/:identifier", async (request) => {
    const { limit } = parse(ProfileQuery, request.query);
    const profile = await identity.profiles.profile(request.params.identifier, { limit });
    if (!profile) throw notFound(request.params.identifier);
    return profile;
  });

  app.get<{ Params: { identifier: string } }>(
    "/api/profiles/:identifier/explain",
    async (request) => {
      const explanation = await identity.profiles.explain(request.params.identifier);
      if (!explanation) throw notFound(request.params.identifier);
      return explanation;
    },
  );

  app.get("/api/profiles", async (request) => {
    const { q, limit } = parse(SearchQuery, request.query);
    return { profiles: await identity.profiles.search(q, { limit }) };
  });

  app.post("/api/profiles/split", async (request) => {
    const body = parse(SplitBody, request.body);
    const nodes = [];
    for (const [i, input] of body.identifiers.entries()) {
      const node = await identity.profiles.find(input);
      if (!node) throw new AppError("not_found", `no identifier "${input}"`, `identifiers.${i}`);
      nodes.push(node);
    }
    const rule = await identity.split(
      nodes.map((n) => parseKey(n.key)),
      body.note ?? null,
    );
    const first = await identity.profiles.find(rule.identifiers[0] as string);
    return { rule, profileOfFirst: first?.profileId ?? null };
  });

  app.get("/api/identity/rules", async () => ({ rules: await identity.rules() }));

  app.delete<{ Params: { id: string } }>("/api/identity/rules/:id", async (request) => {
    const rule = await identity.unsplit(request.params.id);
    if (!rule) throw new AppError("not_found", `no rule "${request.params.id}"`, "id");
    return { rule };
  });

  app.get("/api/identity/conflicts", async (request) => {
    const { limit } = parse(ProfileQuery, request.query);
    return { conflicts: await identity.tables.conflicts({ limit: limit ?? 1000 }) };
  });

  app.get("/api/identity/status", async () => ({
    ...identity.status(),
    rejections: await identity.tables.rejections(),
  }));
}

const json = (schema: z.ZodType) => ({
  content: {
    "application/json": { schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) },
  },
});

const Identifier = z.object({ type: z.string(), value: z.string() });
const Conflict = z.object({
  componentId: z.string(),
  kind: z.enum(["limit", "do_not_link", "guard"]),
  type: z.string().nullable(),
  identifiers: z.array(z.string()),
  detail: z.string(),
});
const Rule = z.object({
  id: z.string(),
  kind: z.enum(["detach", "do_not_link"]),
  identifiers: z.array(z.string()),
  note: z.string().nullable(),
  createdAt: z.string(),
});
const Profile = z.object({
  profileId: z.string(),
  lead: Identifier,
  identifiers: z.array(
    Identifier.extend({
      status: z.enum(["linked", "guarded", "detached"]),
      firstSeen: z.string(),
      firstMessageId: z.string(),
    }),
  ),
  traits: z.record(
    z.string(),
    z.object({
      value: z.unknown(),
      sourceId: z.string(),
      channel: z.string(),
      messageId: z.string(),
      timestamp: z.string(),
    }),
  ),
  computed: z.object({
    firstSeen: z.string().nullable(),
    lastSeen: z.string().nullable(),
    eventCount: z.number().int(),
    channels: z.record(z.string(), z.number().int()),
    furthestStage: z.string().nullable(),
    lifetimeValue: z.number(),
    revenueEvents: z.number().int(),
  }),
  timeline: z.array(z.record(z.string(), z.unknown())),
  timelineTruncated: z.boolean(),
  conflicts: z.array(Conflict),
});
const identifierParam = {
  name: "identifier",
  in: "path",
  required: true,
  description: "`type:value` (e.g. `email:ann@example.com`) or a bare value searched across types",
  schema: { type: "string" },
};
const limitParam = (description: string) => ({
  name: "limit",
  in: "query",
  required: false,
  description,
  schema: { type: "integer", minimum: 1, maximum: 10000 },
});
const notFoundResponse = { "404": { description: "no such identifier" } };

/** The OpenAPI paths of this file's routes (spread into `openApiDocument`). */
export const profilePaths = {
  "/api/profiles/{identifier}": {
    get: {
      summary: "The single customer view of the profile holding an identifier",
      parameters: [identifierParam, limitParam("timeline events kept, latest first (1000)")],
      responses: { "200": { description: "the profile", ...json(Profile) }, ...notFoundResponse },
    },
  },
  "/api/profiles/{identifier}/explain": {
    get: {
      summary: "Why each identifier is in the profile, and which links were kept out",
      parameters: [identifierParam],
      responses: { "200": { description: "the explanation" }, ...notFoundResponse },
    },
  },
  "/api/profiles": {
    get: {
      summary: "Profiles whose identifiers or traits contain q",
      parameters: [
        { name: "q", in: "query", required: true, schema: { type: "string" } },
        limitParam("profiles returned (20)"),
      ],
      responses: {
        "200": {
          description: "matching profiles",
          ...json(
            z.object({
              profiles: z.array(
                z.object({
                  profileId: z.string(),
                  lead: Identifier,
                  identifiers: z.array(Identifier),
                  matchedOn: z.enum(["identifier", "trait"]),
                }),
              ),
            }),
          ),
        },
      },
    },
  },
  "/api/profiles/split": {
    post: {
      summary: "Split a wrong merge: keep these identifiers apart (one: it links nothing)",
      requestBody: { required: true, ...json(SplitBody) },
      responses: {
        "200": {
          description: "the rule, obeyed by later events and rebuilds",
          ...json(z.object({ rule: Rule, profileOfFirst: z.string().nullable() })),
        },
        ...notFoundResponse,
      },
    },
  },
  "/api/identity/rules": {
    get: {
      summary: "Split rules",
      responses: { "200": { description: "rules", ...json(z.object({ rules: z.array(Rule) })) } },
    },
  },
  "/api/identity/rules/{id}": {
    delete: {
      summary: "Remove a split rule; its identifiers link again",
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      responses: { "200": { description: "the removed rule" }, "404": { description: "no rule" } },
    },
  },
  "/api/identity/conflicts": {
    get: {
      summary: "Merges that did not happen and values stopped from linking, for review",
      parameters: [limitParam("conflicts returned (1000)")],
      responses: {
        "200": {
          description: "conflicts",
          ...json(z.object({ conflicts: z.array(Conflict) })),
        },
      },
    },
  },
  "/api/identity/status": {
    get: {
      summary: "Identity updates waiting, processed, the last error, and ignored values by reason",
      responses: { "200": { description: "status" } },
    },
  },
};

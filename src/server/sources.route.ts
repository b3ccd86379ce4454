import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { parseInput } from "../core/parse-input.ts";
import { createSource } from "../ingest/sources.ts";
import type { EventStore } from "../store/event-store.ts";

const SourceBody = z.object({ name: z.string() });

/** `GET /api/sources` (with stored events per source) and `POST /api/sources` (admin only). */
export function registerSourceRoutes(app: FastifyInstance, store: EventStore) {
  app.get("/api/sources", async () => {
    const [sources, counts] = await Promise.all([
      store.listSources(),
      store.query("SELECT source_id, count(*) AS events FROM events GROUP BY source_id"),
    ]);
    const events = new Map(counts.map((row) => [String(row.source_id), Number(row.events)]));
    return {
      sources: sources.map((source) => ({ ...source, events: events.get(source.id) ?? 0 })),
    };
  });
  app.post("/api/sources", async (request, reply) => {
    const { name } = parseInput(SourceBody, request.body);
    return reply.status(201).send({ source: await createSource(store, name) });
  });
}

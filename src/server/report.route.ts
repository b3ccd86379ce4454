import type { FastifyInstance } from "fastify";
import { renderReport } from "../report/report.ts";
import type { Runtime } from "../runtime/runtime.ts";

/** `GET /api/report?lang=zh&from=…&to=…`: the same HTML as `journeylens report`. */
export function registerReportRoutes(
  app: FastifyInstance,
  runtime: Pick<Runtime, "store" | "config">,
) {
  app.get("/api/report", async (request, reply) => {
    const html = await renderReport(runtime, request.query);
    return reply.type("text/html; charset=utf-8").send(html);
  });
}

export const reportPaths = {
  "/api/report": {
    get: {
      summary: "The findings report as one self-contained HTML page (charts as inline SVG)",
      parameters: [
        ["lang", "en (default) or zh"],
        ["from", "ISO date, inclusive"],
        ["to", "ISO date, exclusive"],
      ].map(([name, description]) => ({
        name,
        in: "query",
        required: false,
        description,
        schema: { type: "string" },
      })),
      responses: {
        "200": {
          description: "the report",
          content: { "text/html": { schema: { type: "string" } } },
        },
        "400": { description: "invalid lang or date: the field is named" },
      },
    },
  },
};

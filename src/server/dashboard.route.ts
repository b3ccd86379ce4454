import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Where `npm run build:web` writes the dashboard. */
export const DASHBOARD_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSIBLE = new Set([".html", ".js", ".css", ".svg", ".json", ".txt"]);

interface Asset {
  type: string;
  body: Buffer;
  gzip?: Buffer;
  /** Vite names built assets by content hash: they never change under the same name. */
  immutable: boolean;
}

/** Reads the whole build once (a few hundred KB) and keeps it, gzipped where it helps. */
function loadAssets(dist: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const ext = extname(name);
        const body = readFileSync(path);
        const urlPath = `/${relative(dist, path).split(sep).join("/")}`;
        assets.set(urlPath, {
          type: TYPES[ext] ?? "application/octet-stream",
          body,
          gzip: COMPRESSIBLE.has(ext) && body.length > 1024 ? gzipSync(body) : undefined,
          immutable: urlPath.startsWith("/assets/"),
        });
      }
    }
  };
  walk(dist);
  return assets;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>journeylens</title>
<p>The dashboard is not built. Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.</p>`;

/**
 * The dashboard: static files from web/dist at `/`, and index.html for any other path that is
 * not the API or ingestion (the app routes by path). API paths keep their JSON 404.
 */
export function registerDashboardRoutes(app: FastifyInstance, options: { dist?: string } = {}) {
  const dist = resolve(options.dist ?? DASHBOARD_DIST);
  let assets: Map<string, Asset> | null = null;
  let builtAt = 0;
  // Reloaded when index.html changes, so a rebuild shows without restarting the server.
  const current = () => {
    const index = join(dist, "index.html");
    const mtime = existsSync(index) ? statSync(index).mtimeMs : 0;
    if (mtime === 0) return null;
    if (assets === null || mtime !== builtAt) {
      assets = loadAssets(dist);
      builtAt = mtime;
    }
    return assets;
  };

  const send = (request: FastifyRequest, reply: FastifyReply, asset: Asset) => {
    const gzip = asset.gzip && /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    reply
      .header("content-type", asset.type)
      .header("cache-control", asset.immutable ? "public, max-age=31536000, immutable" : "no-cache")
      .header("x-content-type-options", "nosniff")
      .header("vary", "accept-encoding");
    if (gzip) reply.header("content-encoding", "gzip");
    return reply.send(gzip ? asset.gzip : asset.body);
  };

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const raw = request.url.split("?")[0] ?? "/";
    let path = raw;
    try {
      path = decodeURIComponent(raw);
    } catch {
      // A malformed escape is looked up as sent (and so answers the app, not an error).
    }
    if (path === "/api" || path.startsWith("/api/") || path.startsWith("/v1/"))
      return reply.callNotFound();
    const built = current();
    if (!built)
      return reply.status(503).header("content-type", "text/html; charset=utf-8").send(NOT_BUILT);
    const asset = built.get(path);
    if (asset) return send(request, reply, asset);
    // A missing hashed asset is a stale page asking for an old build: a real 404, not the app.
    if (path.startsWith("/assets/")) return reply.callNotFound();
    const index = built.get("/index.html");
    return index ? send(request, reply, index) : reply.callNotFound();
  };

  app.get("/", handler);
  app.get("/*", handler);
}

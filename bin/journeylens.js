#!/usr/bin/env node
// Runs the TypeScript sources with no build step to forget: they are bundled by esbuild into
// dist/cli/journeylens.mjs the first time and again whenever a source file is newer (about
// 0.3 s), since loading ~300 modules through a TypeScript loader hook on every start costs
// seconds. If the bundle cannot be written, the sources run through tsx instead.
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const entry = join(root, "src", "cli", "main.ts");
const bundle = join(root, "dist", "cli", "journeylens.mjs");

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

async function ensureBundle() {
  const built = existsSync(bundle) ? statSync(bundle).mtimeMs : 0;
  const inputs = [join(root, "src"), join(root, "package.json"), fileURLToPath(import.meta.url)];
  if (built > Math.max(...inputs.map(newest))) return;
  const { build } = await import("esbuild");
  // Written beside and renamed: processes starting at the same time never read half a file.
  const temporary = `${bundle}.${process.pid}.tmp`;
  mkdirSync(dirname(bundle), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile: temporary,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  });
  renameSync(temporary, bundle);
}

let bundled = true;
try {
  await ensureBundle();
} catch {
  bundled = false;
}
if (bundled) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(entry).href);
}

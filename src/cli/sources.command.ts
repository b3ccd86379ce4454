import type { Command } from "commander";
import { createSource } from "../ingest/sources.ts";
import { print, withRuntime } from "./with-runtime.ts";

export function registerSourcesCommand(program: Command) {
  const sources = program
    .command("sources")
    .description("sources that send events, and their write keys");

  sources
    .command("create <name>")
    .description("create a source and print its write key")
    .option("--json", "print JSON")
    .action((name: string, flags: { json?: boolean }, command: Command) =>
      withRuntime(command, async ({ store }) => {
        const source = await createSource(store, name);
        print(source, flags, () =>
          [`source   ${source.name} (${source.id})`, `writeKey ${source.writeKey}`].join("\n"),
        );
      }),
    );

  sources
    .command("list")
    .description("list sources and their write keys")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }, command: Command) =>
      withRuntime(command, async ({ store }) => {
        const list = await store.listSources();
        print(list, flags, () =>
          list.length === 0
            ? "no sources yet: journeylens sources create NAME"
            : list
                .map((s) => `${s.name.padEnd(20)} ${s.writeKey}  ${s.createdAt.toISOString()}`)
                .join("\n"),
        );
      }),
    );
}

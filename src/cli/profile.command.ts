import type { Command } from "commander";
import type { ProfileExplanation } from "../core/identity/explain.ts";
import { parseKey } from "../core/identity/identifier.ts";
import type { IdentityService } from "../identity/identity-service.ts";
import type { Profile } from "../identity/profile-reader.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { print, withRuntime } from "./with-runtime.ts";

interface JsonFlag {
  json?: boolean;
}

function identityOf(runtime: Runtime): IdentityService {
  if (!runtime.identity) throw new Error("identity resolution is not wired in this runtime");
  return runtime.identity;
}

const notFound = (identifier: string) =>
  new Error(`no profile has the identifier "${identifier}" (try: journeylens profile search TEXT)`);

/** The parent's --json/--limit: commander hands them to `profile` wherever they are typed. */
const shared = (command: Command) => command.optsWithGlobals<JsonFlag & { limit: string }>();

/** `journeylens profile IDENTIFIER` and its `explain`, `split`, `unsplit`, `search`. */
export function registerProfileCommand(program: Command) {
  const profile = program
    .command("profile")
    .description("the single customer view of the profile holding IDENTIFIER")
    .argument("[identifier]", "type:value (email:ann@example.com, user_id:u1) or a bare value")
    .option("--limit <n>", "timeline events (latest first) or, with search, profiles to show")
    .option("--json", "print JSON (the API's), also for the subcommands")
    .action((identifier: string | undefined, flags: JsonFlag & { limit?: string }, command) => {
      if (!identifier) return command.help();
      const limit = Number(flags.limit ?? 1000);
      if (!Number.isInteger(limit) || limit < 0)
        throw new Error(`--limit: "${flags.limit}" is not a whole number`);
      return withRuntime(command, async (runtime) => {
        const found = await identityOf(runtime).profiles.profile(identifier, { limit });
        if (!found) throw notFound(identifier);
        print(found, flags, () => profileText(found));
      });
    });

  profile
    .command("explain <identifier>")
    .description("why each identifier is in the profile, and which links were kept out")
    .action((identifier: string, _flags: unknown, command: Command) =>
      withRuntime(command, async (runtime) => {
        const flags = shared(command);
        const explanation = await identityOf(runtime).profiles.explain(identifier);
        if (!explanation) throw notFound(identifier);
        print(explanation, flags, () => explainText(explanation));
      }),
    );

  profile
    .command("split <identifiers...>")
    .description(
      "split a wrong merge: keep these identifiers in separate profiles (one: it links nothing)",
    )
    .option("--note <text>", "why, for the record")
    .action((inputs: string[], _flags: unknown, command: Command) =>
      withRuntime(command, async (runtime) => {
        const flags = command.optsWithGlobals<JsonFlag & { note?: string }>();
        const identity = identityOf(runtime);
        const nodes = [];
        for (const input of inputs) {
          const node = await identity.profiles.find(input);
          if (!node) throw new Error(`no identifier "${input}"`);
          nodes.push(node);
        }
        const rule = await identity.split(
          nodes.map((n) => parseKey(n.key)),
          flags.note ?? null,
        );
        print(rule, flags, () =>
          [
            `rule ${rule.id} (${rule.kind}): ${rule.identifiers.join(", ")}`,
            `later events and rebuilds obey it; undo with: journeylens profile unsplit ${rule.id}`,
          ].join("\n"),
        );
      }),
    );

  profile
    .command("unsplit <rule>")
    .description("remove a split rule; its identifiers link again")
    .action((id: string, _flags: unknown, command: Command) =>
      withRuntime(command, async (runtime) => {
        const flags = shared(command);
        const rule = await identityOf(runtime).unsplit(id);
        if (!rule) throw new Error(`no rule "${id}" (see: journeylens identity rules)`);
        print(rule, flags, () => `removed rule ${rule.id}: ${rule.identifiers.join(", ")}`);
      }),
    );

  profile
    .command("search <text>")
    .description("profiles whose identifiers or traits contain TEXT (--limit, default 20)")
    .action((text: string, _flags: unknown, command: Command) =>
      withRuntime(command, async (runtime) => {
        const flags = shared(command);
        const profiles = await identityOf(runtime).profiles.search(text, {
          limit: Number(flags.limit ?? 20) || 20,
        });
        print({ profiles }, flags, () =>
          profiles.length === 0
            ? `no profile matches "${text}"`
            : profiles
                .map(
                  (p) =>
                    `${p.profileId}  ${p.lead.type}:${p.lead.value}  (${p.identifiers.length} identifiers, matched on ${p.matchedOn})`,
                )
                .join("\n"),
        );
      }),
    );
}

function profileText(p: Profile): string {
  const c = p.computed;
  const lines = [
    `profile ${p.profileId} (lead ${p.lead.type}:${p.lead.value})`,
    `identifiers (${p.identifiers.length}):`,
    ...p.identifiers.map(
      (i) =>
        `  ${i.type.padEnd(13)} ${i.value.padEnd(40)} ${i.status === "linked" ? "" : `[${i.status}] `}first seen ${i.firstSeen}`,
    ),
    "traits (winning source):",
    ...Object.entries(p.traits).map(
      ([name, t]) =>
        `  ${name.padEnd(13)} ${JSON.stringify(t.value).padEnd(40)} ${t.sourceId}/${t.channel} ${t.timestamp}`,
    ),
    `computed: ${c.eventCount} events, first seen ${c.firstSeen}, last seen ${c.lastSeen}`,
    `  channels: ${Object.entries(c.channels)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}`,
    `  furthest stage: ${c.furthestStage ?? "-"}; lifetime value ${c.lifetimeValue} (${c.revenueEvents} revenue events)`,
  ];
  const shown = p.timeline.slice(-20);
  lines.push(
    `timeline (${shown.length} latest of ${c.eventCount}; --json for all):`,
    ...shown.map(
      (e) => `  ${e.timestamp} ${e.channel.padEnd(12)} ${e.type.padEnd(8)} ${e.event ?? ""}`,
    ),
  );
  if (p.conflicts.length > 0) {
    lines.push("conflicts:", ...p.conflicts.map((k) => `  ${k.kind}: ${k.detail}`));
  }
  return lines.join("\n");
}

function explainText(e: ProfileExplanation & { keptOutTotal: number }): string {
  const lines = [`profile ${e.profileId} — lead ${e.lead}`];
  for (const i of e.identifiers) {
    const status = i.status === "linked" ? "" : ` [${i.status}]`;
    if (!i.via) lines.push(`  ${i.identifier}${status}: lead (first seen ${i.firstSeen})`);
    else {
      lines.push(
        `  ${i.identifier}${status}: linked to ${i.via.identifier} by message ${i.via.messageId} at ${i.via.at}`,
      );
      if (i.path.length > 2) lines.push(`    path: ${i.path.join(" → ")}`);
    }
  }
  if (e.keptOut.length > 0) {
    lines.push(`kept out (${e.keptOutTotal}):`);
    for (const k of e.keptOut) {
      lines.push(
        `  ${k.identifier} — ${k.other}${k.otherProfileId ? ` (profile ${k.otherProfileId})` : ""} by message ${k.messageId}: ${k.reason}`,
      );
    }
  }
  return lines.join("\n");
}

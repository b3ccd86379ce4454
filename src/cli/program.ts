import { Command } from "commander";
import { registerImportCommand } from "../import/import.command.ts";
import { openRuntime } from "../runtime/runtime.ts";
import { VERSION } from "../version.ts";
import { registerAccessCommands } from "./access.command.ts";
import { registerCxCommands } from "./cx.command.ts";
import { registerDemoCommand } from "./demo.command.ts";
import { registerFeedbackCommand } from "./feedback.command.ts";
import { registerFrictionCommands } from "./friction.command.ts";
import { registerGapCommands } from "./gaps.command.ts";
import { registerIdentityCommand } from "./identity.command.ts";
import { registerJourneyIndexCommand } from "./journey-index.command.ts";
import { registerJourneyCommands } from "./journeys.command.ts";
import { registerProfileCommand } from "./profile.command.ts";
import { registerReportCommand } from "./report.command.ts";
import { registerServeCommand } from "./serve.command.ts";
import { registerSourcesCommand } from "./sources.command.ts";

/** The `journeylens` command line: global store/config flags and every command. */
export function buildProgram(): Command {
  const program = new Command("journeylens")
    .description("omnichannel customer-journey analytics")
    .version(VERSION)
    .option("--db <file>", "DuckDB file (env JOURNEYLENS_DB, default ./journeylens.duckdb)")
    .option("--pg <url>", "PostgreSQL URL instead of DuckDB (env JOURNEYLENS_PG_URL)")
    .option(
      "--config <file>",
      "config file (env JOURNEYLENS_CONFIG, default ./journeylens.config.yaml)",
    )
    .showHelpAfterError();
  registerServeCommand(program);
  registerSourcesCommand(program);
  registerAccessCommands(program);
  registerDemoCommand(program);
  registerImportCommand(program, openRuntime);
  registerProfileCommand(program);
  registerIdentityCommand(program);
  registerJourneyIndexCommand(program);
  registerJourneyCommands(program);
  registerFrictionCommands(program);
  registerCxCommands(program);
  registerGapCommands(program);
  registerFeedbackCommand(program);
  registerReportCommand(program);
  return program;
}

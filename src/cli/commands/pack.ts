import { join } from "node:path";
import { listPacks, validatePack } from "../../knowledge/index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../usage-error.js";

export const PACK_USAGE = "deeplisten pack list [--json] | deeplisten pack validate <dir> [--json]";

/**
 * `deeplisten pack list`: the bundled knowledge packs and the learner's own (in `<home>/packs`).
 * `deeplisten pack validate <dir>`: every problem of a pack folder, each naming file, entry and field.
 */
export function packCommand(ctx: CliContext, args: string[]): number {
  const [sub, ...rest] = args;
  if (sub === "list" && rest.length === 0) {
    const packs = listPacks([join(ctx.home, "packs")]);
    if (ctx.json) {
      ctx.stdout(JSON.stringify({ packs }));
      return 0;
    }
    for (const p of packs) {
      const state = p.ok ? "ok" : `${p.problemCount} problems: run deeplisten pack validate ${p.dir}`;
      ctx.stdout(
        `${p.id}  ${p.version}  ${p.title.en} / ${p.title.zh}  (${p.entryCount} entries, ${p.source}; ${state})`,
      );
    }
    ctx.stdout(`Add your own packs under ${join(ctx.home, "packs")}/<pack>/ (see src/knowledge/PACK_FORMAT.md).`);
    return 0;
  }
  if (sub === "validate" && rest.length === 1) {
    const report = validatePack(rest[0] as string);
    if (ctx.json) {
      ctx.stdout(JSON.stringify(report));
    } else if (report.ok) {
      ctx.stdout(`${report.dir}: ok, ${report.entryCount} entries in ${report.files.length} files`);
    } else {
      for (const p of report.problems) ctx.stderr(`${report.dir}/${p.text}`);
      ctx.stderr(`${report.problems.length} problem${report.problems.length === 1 ? "" : "s"} in ${report.dir}`);
    }
    return report.ok ? 0 : 1;
  }
  throw new UsageError(`usage: ${PACK_USAGE}`);
}

// Verifies meetings' stored audit chains against the database.
//   npm run audit:verify -- <meetingId> [<meetingId>...]
//   npm run audit:verify -- --all
// Prints one line per meeting; exits 1 if any chain is broken or a meeting does not exist.
import { verifyStoredLog } from "@/server/services/records/log";
import { cliContext, runCli } from "./context";

const USAGE = "usage: npm run audit:verify -- <meetingId>... | --all";

runCli(async () => {
  const args = process.argv.slice(2);
  if (args.length === 0 || args.includes("--help")) {
    console.error(USAGE);
    return args.length === 0 ? 1 : 0;
  }
  const ctx = cliContext();
  try {
    const ids = args.includes("--all")
      ? (await ctx.db.meeting.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } })).map(
          (m) => m.id,
        )
      : args;
    let failures = 0;
    for (const id of ids) {
      try {
        const { result, stored } = await verifyStoredLog(ctx.db, id);
        if (result.ok) {
          console.log(`OK      ${id}  verified through event #${stored.lastSeq}`);
        } else {
          failures++;
          console.log(
            `BROKEN  ${id}  at event #${result.brokenAt} (${result.reason}): ${result.detail}; verified through #${result.verifiedThrough}`,
          );
        }
      } catch (error) {
        failures++;
        console.log(`ERROR   ${id}  ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    console.log(`${ids.length - failures} of ${ids.length} meeting record(s) verified`);
    return failures ? 1 : 0;
  } finally {
    await ctx.close();
  }
});

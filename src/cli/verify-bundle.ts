// Verifies a downloaded JSON record offline: recomputes the hash chain and checks the Ed25519
// signature against the server's public key. Needs no server and no database.
//   npm run audit:verify-bundle -- record.json --key key.pem
//   npm run audit:verify-bundle -- record.json --key https://host/.well-known/orchestrasec-signing-key
// The key may be a PEM file, a URL serving the PEM, or the URL's JSON key list (?format=json, which
// also holds retired keys: the one the record names is picked). Exit 0 when every check passes.
import { readFileSync } from "node:fs";
import { verifyBundle } from "@/core/audit/verify-bundle";
import { runCli } from "./context";

const USAGE =
  "usage: npm run audit:verify-bundle -- <record.json> --key <key.pem | URL> [--allow-reformatted]";

async function readKey(source: string, keyId: string | undefined): Promise<string> {
  const text = /^https?:\/\//.test(source)
    ? await fetch(source).then((r) => {
        if (!r.ok) throw new Error(`Cannot fetch the key from ${source}: HTTP ${r.status}`);
        return r.text();
      })
    : readFileSync(source, "utf8");
  if (!text.trimStart().startsWith("{")) return text;
  const { keys } = JSON.parse(text) as { keys: { keyId: string; publicKey: string; current: boolean }[] };
  const key = keys.find((k) => k.keyId === keyId) ?? keys.find((k) => k.current);
  if (!key) throw new Error(`No usable key in ${source}`);
  return key.publicKey;
}

runCli(async () => {
  const args = process.argv.slice(2);
  const keyAt = args.indexOf("--key");
  const file = args.find((a, i) => !a.startsWith("--") && i !== keyAt + 1);
  if (!file || keyAt < 0 || !args[keyAt + 1]) {
    console.error(USAGE);
    return 1;
  }
  const text = readFileSync(file, "utf8");
  let named: string | undefined;
  try {
    named = (JSON.parse(text) as { signature?: { keyId?: string } }).signature?.keyId;
  } catch {
    // Reported by the verification below.
  }
  const result = verifyBundle(text, await readKey(args[keyAt + 1], named), {
    allowReformatted: args.includes("--allow-reformatted"),
  });
  for (const c of result.checks) console.log(`${c.ok ? "ok  " : "FAIL"}  ${c.name.padEnd(9)} ${c.detail}`);
  console.log(
    result.ok
      ? `VERIFIED: record of meeting ${result.meetingId}, chain head #${result.head?.seq ?? 0} ${result.head?.hash ?? ""}`
      : "NOT VERIFIED: this record was altered, or it was not signed by this key",
  );
  return result.ok ? 0 : 1;
});

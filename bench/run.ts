// `npm run bench`: every benchmark section, each printing ratios against a baseline measured in
// the same run (raw SQLite, raw `ws`). `npm run bench -- canvas` runs one section. Not part of
// `npm test`: these are measurements, not pass/fail tests.
import { appendBench } from "./append";
import { canvasBench } from "./canvas";
import { fanoutBench } from "./fanout";
import { signallingBench } from "./video-signalling";
import { firstFrameBench } from "./video-first-frame";
import { janusBench } from "./video-janus";

const SECTIONS: Record<string, () => Promise<void>> = {
  append: appendBench,
  fanout: fanoutBench,
  canvas: canvasBench,
  video: async () => {
    await signallingBench();
    await firstFrameBench();
  },
  janus: janusBench,
};

async function main() {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in SECTIONS));
  if (unknown.length)
    throw new Error(`unknown section ${unknown.join(", ")}: ${Object.keys(SECTIONS).join(", ")}`);
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    console.log(`\n=== ${name} ===`);
    await run();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

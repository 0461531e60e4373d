import type { Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import type { ExportFormat } from "@/core/events";
import type { AppLocale } from "@/i18n/routing";
import { refuse } from "@/core/errors";
import { chainHash, genesisHash } from "@/core/audit/chain";
import { verifyChain } from "@/core/audit/verify";
import { meetingMinutes } from "@/core/records/minutes";
import { currentSigningKey } from "@/server/security/signing-key";
import { runCommand } from "../event-log";
import { readSnapshot } from "../snapshot";
import { assertMayExport } from "./access";
import { buildBundle, bundleText } from "./bundle";
import { renderCsv } from "./csv";
import { recordText } from "./i18n";
import { eventsOf, readLogRows } from "./log";
import { peopleOf } from "./people";
import { renderPdf } from "./pdf";
import { toStatus } from "./queries";

// Downloading a meeting's record. The download is itself recorded first (record.exported, through
// the same command path as everything else), and the file covers the log up to and including
// that event: every record names who exported it and when, inside its own signed chain.

interface ExportOptions {
  locale: AppLocale;
  /** Where the public key is published, printed in the files (e.g. https://host/.well-known/...). */
  keyUrl: string | null;
}

interface ExportedFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
};

export async function exportRecord(
  deps: Deps,
  actor: SessionUser | null,
  meetingId: string,
  format: ExportFormat,
  options: ExportOptions,
): Promise<ExportedFile> {
  if (!actor) throw refuse("SIGN_IN_FOR_RECORD");
  // Refuse (with the download's own wording) before taking the meeting's write lock; the command
  // asks the table again under the lock.
  assertMayExport(await readSnapshot(deps.db, meetingId), actor);
  const { recorded, result: snap } = await runCommand(
    { ...deps, session: actor },
    { meetingId, action: "record.export" },
    (s) => ({ events: [{ type: "record.exported", format }], result: s }),
  );
  const exported = recorded[0];

  // The head is the hash the command itself computed, not what the table says now.
  const head = { seq: exported.seq, hash: chainHash(snap.lastHash, exported) };
  const rows = await readLogRows(deps.db, meetingId, exported.seq);
  const people = await peopleOf(deps.db, rows, [actor.userId]);
  const base = `orchestrasec-record-${meetingId}-${exported.seq}`;

  if (format === "json") {
    const [key, meeting, members] = await Promise.all([
      currentSigningKey(deps, exported.at),
      deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId }, select: { createdById: true } }),
      deps.db.membership.findMany({
        where: { meetingId },
        include: { user: { select: { name: true } } },
        orderBy: { joinedAt: "asc" },
      }),
    ]);
    const bundle = buildBundle({
      snap,
      createdById: meeting.createdById,
      members: members.map((m) => ({ ...m, name: m.user.name })),
      people,
      rows,
      exported: { at: exported.at, by: actor.userId, seq: exported.seq },
      head,
      key,
      keyUrl: options.keyUrl ?? undefined,
    });
    return {
      filename: `${base}.json`,
      contentType: CONTENT_TYPES.json,
      body: Buffer.from(bundleText(bundle), "utf8"),
    };
  }

  const text = await recordText(options.locale);
  if (format === "csv") {
    return {
      filename: `${base}.csv`,
      contentType: CONTENT_TYPES.csv,
      body: Buffer.from(renderCsv(rows, people, text), "utf8"),
    };
  }

  const key = await currentSigningKey(deps, exported.at);
  const status = toStatus(verifyChain(meetingId, rows, { lastSeq: head.seq, lastHash: head.hash }), head.seq);
  const pdf = await renderPdf({
    minutes: meetingMinutes(eventsOf(meetingId, rows), exported.at),
    name: people.name,
    text,
    meetingId,
    status,
    head,
    genesis: genesisHash(meetingId),
    exported: { at: exported.at, by: actor.name },
    keyId: key.keyId,
    keyUrl: options.keyUrl,
  });
  return { filename: `${base}.pdf`, contentType: CONTENT_TYPES.pdf, body: pdf };
}

import type { AuditRow } from "@/core/audit/rows";
import { describeEvent } from "@/core/records/describe";
import { toCsv } from "@/core/records/csv";
import { describeWith, type RecordText } from "./i18n";
import type { People } from "./people";

// The CSV record: one row per event, in order, with a readable summary and the event's hash.

function dataOf(row: AuditRow): object {
  try {
    return JSON.parse(row.payload) as object;
  } catch {
    return {};
  }
}

export function renderCsv(rows: readonly AuditRow[], people: People, text: RecordText): string {
  const { t } = text;
  const header = ["time", "seq", "actor", "type", "summary", "hash"].map((c) => t(`csv.${c}`));
  return toCsv([
    header,
    ...rows.map((row) => [
      row.at.toISOString(),
      row.seq,
      row.actorId ? people.name(row.actorId) : t("csv.system"),
      row.type,
      describeWith(
        text,
        describeEvent({ type: row.type, actorId: row.actorId, data: dataOf(row) }, people.name),
      ),
      row.hash,
    ]),
  ]);
}

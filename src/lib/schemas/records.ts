import { z } from "zod";
import { str } from "./text";
import { EXPORT_FORMATS } from "@/core/events";
import { routing } from "@/i18n/routing";
import { meetingId } from "./meeting";

// Shared by the records router, the download route and the pages that link to them.

const exportFormat = z.enum(EXPORT_FORMATS, {
  message: `format must be one of ${EXPORT_FORMATS.join(", ")}`,
});

export const replayInput = z.object({
  meetingId,
  /** The state after this event number (0 = before the first event). */
  seq: z.number().int().min(0, "seq must be 0 or more"),
});

export const recordListInput = z.object({
  cursor: meetingId.nullish(),
  search: str().trim().max(200).optional(),
});
export type RecordListInput = z.infer<typeof recordListInput>;

/** Query of GET /api/meetings/<id>/record: the format, and the language of the CSV or PDF. */
export const downloadQuery = z.object({
  format: exportFormat,
  locale: z.enum(routing.locales).default(routing.defaultLocale),
});

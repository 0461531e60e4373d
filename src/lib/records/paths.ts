// URLs of the record, shared by the route handlers, the pages that link to them and the CLI.

export const SIGNING_KEY_PATH = "/.well-known/orchestrasec-signing-key";

export const recordDownloadPath = (meetingId: string, format: "json" | "csv" | "pdf", locale?: string) =>
  `/api/meetings/${encodeURIComponent(meetingId)}/record?format=${format}${locale ? `&locale=${locale}` : ""}`;

"use client";
import { useLocale, useTranslations } from "next-intl";
import { recordDownloadPath } from "@/lib/records/paths";
import { EXPORT_FORMATS } from "@/core/events";

/** Plain links to the download route: the browser saves the file, the session cookie authorises. */
export function DownloadLinks({ meetingId, size = "md" }: { meetingId: string; size?: "sm" | "md" }) {
  const t = useTranslations("records.panel");
  const locale = useLocale();
  const pad = size === "sm" ? "px-2 py-1 text-xs" : "px-3 py-1.5 text-sm";
  return (
    <span className={`inline-flex gap-2 ${size === "sm" ? "whitespace-nowrap" : "flex-wrap"}`}>
      {EXPORT_FORMATS.map((format) => (
        <a
          key={format}
          href={recordDownloadPath(meetingId, format, locale)}
          download
          data-testid={`download-${format}`}
          title={t(format)}
          className={`inline-flex items-center gap-1 rounded-lg bg-white font-medium text-accent-700 ring-1 ring-slate-300 hover:bg-accent-50 ${pad}`}
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="size-3.5 fill-current">
            <path d="M9 3h2v7.6l2.3-2.3 1.4 1.4L10 14.4 5.3 9.7l1.4-1.4L9 10.6zM4 15h12v2H4z" />
          </svg>
          {size === "sm" ? format.toUpperCase() : t(format)}
        </a>
      ))}
    </span>
  );
}

"use client";
import { useRefusalText } from "@/lib/errors/useRefusalText";
import { useEffect, useState } from "react";
import { isFinalPhase } from "@/core/phases/machine";
import type { Phase } from "@/core/phases/phase";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { Link } from "@/i18n/navigation";
import { useTRPC } from "@/lib/trpc/react";
import { SIGNING_KEY_PATH } from "@/lib/records/paths";
import { Button } from "@/components/ui/Button";
import { RecordStatus } from "./RecordStatus";
import { DownloadLinks } from "./DownloadLinks";

/** The auditors' list: every meeting, newest first, its record's state and its downloads. */
export function RecordsList() {
  const t = useTranslations("records.page");
  const errorText = useRefusalText();
  const tp = useTranslations("meetings.phases");
  const format = useFormatter();
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const list = useInfiniteQuery(
    trpc.records.list.infiniteQueryOptions(
      { search: search.trim() || undefined },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // The absolute URL is only known in the browser; the server renders the path.
  const [keyUrl, setKeyUrl] = useState(SIGNING_KEY_PATH);
  useEffect(() => setKeyUrl(`${window.location.origin}${SIGNING_KEY_PATH}`), []);

  return (
    <div className="mt-6 space-y-4">
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={t("search")}
        aria-label={t("search")}
        className="w-full max-w-sm rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
      />

      {list.isError && (
        <p role="alert" className="rounded-lg bg-rose-50 px-4 py-2 text-sm text-rose-800">
          {t("error", { message: errorText(list.error) })}
        </p>
      )}

      <div className="overflow-x-auto rounded-2xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm" data-testid="records-table">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-4 py-3 font-semibold">{t("columns.meeting")}</th>
              <th className="px-4 py-3 font-semibold">{t("columns.phase")}</th>
              <th className="px-4 py-3 font-semibold">{t("columns.created")}</th>
              <th className="px-4 py-3 text-right font-semibold">{t("columns.events")}</th>
              <th className="px-4 py-3 font-semibold">{t("columns.record")}</th>
              <th className="px-4 py-3 font-semibold">{t("columns.download")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((m) => (
              <tr
                key={m.meetingId}
                data-testid="record-row"
                data-meeting-id={m.meetingId}
                className="align-top"
              >
                <td className="px-4 py-3">
                  <Link
                    href={`/meetings/${m.meetingId}`}
                    className="font-medium text-slate-900 hover:text-accent-700"
                  >
                    {m.title}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {t("createdBy", { name: m.createdBy })} · {t("members", { count: m.members })}
                  </p>
                </td>
                <td className="px-4 py-3">
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ${isFinalPhase(m.phase as Phase) ? "bg-slate-200 text-slate-700" : "bg-indigo-50 text-indigo-700"}`}
                  >
                    {tp(m.phase as Phase)}
                  </span>
                </td>
                <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                  {format.dateTime(new Date(m.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                </td>
                <td className="px-4 py-3 text-right tabular-nums text-slate-700">{m.events}</td>
                <td className="px-4 py-3">
                  <RecordStatus meetingId={m.meetingId} compact />
                </td>
                <td className="px-4 py-3">
                  <DownloadLinks meetingId={m.meetingId} size="sm" />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.isPending && <p className="p-4 text-sm text-slate-500">{t("loading")}</p>}
        {list.isSuccess && items.length === 0 && <p className="p-4 text-sm text-slate-500">{t("empty")}</p>}
      </div>

      {list.hasNextPage && (
        <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {t("loadMore")}
        </Button>
      )}

      <aside className="rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-600">
        <p className="font-medium text-slate-800">
          {t("publicKey")}:{" "}
          <a href={SIGNING_KEY_PATH} className="font-mono text-accent-700 hover:underline">
            {SIGNING_KEY_PATH}
          </a>
        </p>
        <p className="mt-1 font-mono text-xs text-slate-500">{t("publicKeyHelp", { url: keyUrl })}</p>
      </aside>
    </div>
  );
}

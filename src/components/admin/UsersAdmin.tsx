"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { CreateUserForm } from "./CreateUserForm";
import { UserRow } from "./UserRow";
import { useDebounced } from "./useDebounced";
import { CARDS, TableHead } from "@/components/ui/TableHead";

/** The admin's list of accounts: search, create, and each row's actions. */
export function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  const t = useTranslations("admin.users");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  const query = useDebounced(search.trim());
  const users = useInfiniteQuery(
    trpc.admin.listUsers.infiniteQueryOptions(
      { query: query || undefined, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.listUsers.pathKey() });
  const rows = users.data?.pages.flatMap((p) => p.users) ?? [];

  return (
    <div className="space-y-5">
      <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="w-full max-w-sm">
          <label htmlFor="user-search" className="field-label">
            {t("search")}
          </label>
          <input
            id="user-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t("searchPlaceholder")}
            className="field-input"
            data-testid="user-search"
          />
        </div>
        {!creating && (
          <button
            type="button"
            className="btn-primary"
            onClick={() => setCreating(true)}
            data-testid="new-user"
          >
            {t("new")}
          </button>
        )}
      </div>

      {creating && <CreateUserForm onClose={() => setCreating(false)} onCreated={refresh} />}

      <div className="card md:overflow-x-auto">
        <table className={CARDS.table}>
          <TableHead
            columns={[
              ...(["user", "role", "status", "twoFactor", "lastSignIn"] as const).map((c) => ({
                label: t(`columns.${c}`),
              })),
              { label: t("columns.actions"), align: "right" as const },
            ]}
          />
          <tbody className={CARDS.body} data-testid="users-table">
            {rows.map((user) => (
              <UserRow key={user.id} user={user} isMe={user.id === currentUserId} onChanged={refresh} />
            ))}
          </tbody>
        </table>
        {users.isSuccess && rows.length === 0 && (
          <p className="px-4 py-6 text-sm text-slate-500">{t("empty")}</p>
        )}
      </div>
      {users.hasNextPage && (
        <button
          type="button"
          className="btn-secondary"
          onClick={() => users.fetchNextPage()}
          disabled={users.isFetchingNextPage}
        >
          {t("loadMore")}
        </button>
      )}
    </div>
  );
}

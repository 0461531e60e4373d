"use client";
import { useEffect, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Card } from "@/components/ui/Card";
import { Button } from "@/components/ui/Button";

export function InvitePanel({ inviteCode }: { inviteCode: string }) {
  const t = useTranslations("room.invite");
  const locale = useLocale();
  const [link, setLink] = useState("");
  const [copied, setCopied] = useState(false);
  useEffect(() => setLink(`${location.origin}/${locale}/join/${inviteCode}`), [locale, inviteCode]);
  const copy = async () => {
    await navigator.clipboard?.writeText(link).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <Card title={t("heading")}>
      <p className="mb-2 text-sm text-slate-600">{t("hint")}</p>
      <div className="flex gap-2">
        {/* Rendered once the origin is known (after mount), so it never shows an empty link. */}
        {link ? (
          <input
            readOnly
            value={link}
            data-testid="invite-link"
            aria-label={t("heading")}
            onFocus={(e) => e.currentTarget.select()}
            className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-xs"
          />
        ) : (
          <span className="min-w-0 flex-1" />
        )}
        <Button variant="secondary" onClick={copy}>
          {copied ? t("copied") : t("copy")}
        </Button>
      </div>
    </Card>
  );
}

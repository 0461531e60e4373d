"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";

/**
 * The ten recovery codes, shown once right after they are made: copy, download as a text file,
 * then an explicit "saved" acknowledgement before moving on.
 */
export function RecoveryCodes({
  codes,
  email,
  onDone,
}: {
  codes: string[];
  email: string;
  onDone: () => void;
}) {
  const t = useTranslations("account.recovery");
  const [copied, setCopied] = useState(false);
  const text = `${t("fileHeader", { email })}\n\n${codes.join("\n")}\n`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopied(true);
      setTimeout(() => setCopied(false), 2_000);
    } catch {
      // No clipboard (insecure context): the codes stay on screen and in the download.
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "orchestrasec-recovery-codes.txt";
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }

  return (
    <section aria-labelledby="recovery-title" className="space-y-4" data-testid="recovery-codes">
      <div>
        <h3 id="recovery-title" className="text-base font-semibold text-slate-900">
          {t("title")}
        </h3>
        <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      </div>
      <ol className="grid grid-cols-2 gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-slate-50 p-4 font-mono text-base text-slate-900 sm:max-w-md">
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" onClick={download}>
          {t("download")}
        </button>
        <button type="button" className="btn-secondary" onClick={copy} aria-live="polite">
          {copied ? t("copied") : t("copy")}
        </button>
        <button type="button" className="btn-primary" onClick={onDone} data-testid="recovery-codes-saved">
          {t("saved")}
        </button>
      </div>
    </section>
  );
}

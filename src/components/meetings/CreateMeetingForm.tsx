"use client";
import { useRefusalText } from "@/lib/errors/useRefusalText";
import { zodRefusal } from "@/lib/errors/zod";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "@/i18n/navigation";
import { useTRPC } from "@/lib/trpc/react";
import { createMeetingInput } from "@/lib/schemas/meeting";
import { Button } from "@/components/ui/Button";
import { Card } from "@/components/ui/Card";

export function CreateMeetingForm() {
  const t = useTranslations("meetings.create");
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useRefusalText();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(
    trpc.meetings.create.mutationOptions({
      onSuccess: ({ meetingId }) => router.push(`/meetings/${meetingId}`),
      onError: (e) => setError(errorText(e)),
    }),
  );
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = createMeetingInput.safeParse({
      title: form.get("title"),
      description: form.get("description"),
    });
    if (!parsed.success) return setError(errorText({ data: { refusal: zodRefusal(parsed.error) } }));
    setError(null);
    create.mutate(parsed.data);
  };
  return (
    <Card title={t("heading")}>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <label className="block text-sm font-medium text-slate-700">
          {t("title")}
          <input
            name="title"
            required
            maxLength={200}
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2"
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          {t("description")}
          <textarea
            name="description"
            rows={3}
            className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2"
          />
        </label>
        {error && (
          <p role="alert" className="text-sm text-rose-700">
            {error}
          </p>
        )}
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t("submitting") : t("submit")}
        </Button>
      </form>
    </Card>
  );
}

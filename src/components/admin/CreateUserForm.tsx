"use client";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { GLOBAL_ROLES } from "@/core/roles";
import { NAME_MAX } from "@/lib/schemas/account";
import { createUserInput } from "@/lib/schemas/admin";
import { EmailField, TextField } from "@/components/auth/TextField";
import { useFieldErrors } from "@/components/ui/useFieldErrors";
import { FormError } from "@/components/ui/FormError";
import { OneTimePasswordPanel } from "./OneTimePasswordPanel";
import { errorKey, useErrorText } from "@/components/account/useErrorText";

const FIELDS = ["name", "email"] as const;

/**
 * Creates an account; the one-time password comes back once and is shown until the admin closes
 * the panel, with a copy button.
 */
export function CreateUserForm({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const t = useTranslations("admin.create");
  const tr = useTranslations("admin.roles");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const create = useMutation(trpc.admin.createUser.mutationOptions());
  const fields = useFieldErrors(FIELDS);
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; password: string } | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const data = new FormData(event.currentTarget);
    const input = fields.parse(
      createUserInput,
      { name: data.get("name"), email: data.get("email"), role: data.get("role") },
      (f) => (f === "name" ? t("nameInvalid", { max: NAME_MAX }) : t("emailInvalid")),
    );
    if (!input) return;
    try {
      const result = await create.mutateAsync(input);
      setCreated({ name: result.user.name, password: result.oneTimePassword });
      onCreated();
    } catch (e) {
      if (errorKey(e) === "EMAIL_TAKEN") fields.show({ email: errorText(e) });
      else setFormError(errorText(e));
    }
  }

  if (created) {
    return (
      <OneTimePasswordPanel
        title={t("createdTitle", { name: created.name })}
        body={t("createdBody", { name: created.name })}
        password={created.password}
        onDone={onClose}
        testId="user-created"
      />
    );
  }

  return (
    <section className="card p-5" aria-labelledby="create-user-title">
      <h2 id="create-user-title" className="text-base font-semibold text-slate-900">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      <form
        onSubmit={onSubmit}
        noValidate
        className="mt-4 grid gap-4 sm:grid-cols-[1fr_1fr_auto]"
        data-testid="create-user-form"
      >
        <FormError message={formError} className="sm:col-span-3" />
        <TextField {...fields.bind("name")} label={t("name")} maxLength={NAME_MAX} required autoFocus />
        {/* Someone else's address: the admin's own must not be offered. */}
        <EmailField {...fields.bind("email")} label={t("email")} autoComplete="off" />
        <div>
          <label htmlFor="role" className="field-label">
            {t("role")}
          </label>
          <select id="role" name="role" defaultValue="USER" className="field-input">
            {GLOBAL_ROLES.map((role) => (
              <option key={role} value={role}>
                {tr(role)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex gap-2 sm:col-span-3">
          <button type="submit" className="btn-primary" disabled={create.isPending}>
            {create.isPending ? t("submitting") : t("submit")}
          </button>
          <button type="button" className="btn-ghost" onClick={onClose}>
            {t("cancel")}
          </button>
        </div>
      </form>
    </section>
  );
}

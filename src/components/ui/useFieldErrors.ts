"use client";
import { useRef, useState } from "react";
import type { z } from "zod";

type FieldErrors<F extends string> = Partial<Record<F, string>>;

/**
 * A form's errors per field, checked with the zod schema the server also uses. Showing errors
 * focuses the first field (in `order`, the form's order) that has one, so keyboard and
 * screen-reader users land on it.
 */
export function useFieldErrors<F extends string>(order: readonly F[]) {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const inputs = useRef(new Map<F, HTMLInputElement>());

  function show(next: FieldErrors<F>) {
    setErrors(next);
    const first = order.find((f) => next[f]);
    if (first) inputs.current.get(first)?.focus();
  }

  return {
    errors,
    show,
    /** What a field's input takes from the form: its name, its `ref` and its error. */
    bind: (field: F) => ({
      name: field,
      error: errors[field] ?? null,
      ref: (input: HTMLInputElement | null) => {
        if (input) inputs.current.set(field, input);
        else inputs.current.delete(field);
      },
    }),
    input: (field: F): HTMLInputElement | undefined => inputs.current.get(field),
    /**
     * `values` parsed by `schema`, with the errors cleared; or null, with `messageOf` shown for
     * the first issue of each field that has one.
     */
    parse<T>(
      schema: z.ZodType<T>,
      values: Record<string, unknown>,
      messageOf: (field: F, issue: z.core.$ZodIssue) => string,
    ): T | null {
      const parsed = schema.safeParse(values);
      if (parsed.success) {
        setErrors({});
        return parsed.data;
      }
      const next: FieldErrors<F> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as F;
        if (order.includes(field)) next[field] ??= messageOf(field, issue);
      }
      show(next);
      return null;
    },
  };
}

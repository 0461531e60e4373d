import type { Page } from "playwright-core";

/**
 * A tRPC mutation posted over HTTP from inside `page` (its cookies, its origin), returning the
 * status: a step taken through the API rather than the page, or the call a person forges from the
 * browser's console, bypassing the page's buttons.
 */
export async function postMutation(page: Page, procedure: string, input: unknown): Promise<number> {
  return page.evaluate(
    async ({ procedure, input }) =>
      (
        await fetch(`/api/trpc/${procedure}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(input),
        })
      ).status,
    { procedure, input },
  );
}

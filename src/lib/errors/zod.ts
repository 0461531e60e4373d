import type { z } from "zod";
import type { InputIssue, WireRefusal } from "./refusal";

/** A zod issue as a translatable problem: which field, what is wrong, the limit it broke. */
function inputIssue(issue: z.core.$ZodIssue): InputIssue {
  const field = String(issue.path[0] ?? "");
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string")
        return { field, problem: min <= 1 ? "REQUIRED" : "TOO_SHORT", params: { min } };
      return { field, problem: issue.origin === "number" ? "TOO_SMALL" : "TOO_FEW", params: { min } };
    }
    case "too_big": {
      const max = Number(issue.maximum);
      const problem =
        issue.origin === "string" ? "TOO_LONG" : issue.origin === "number" ? "TOO_BIG" : "TOO_MANY";
      return { field, problem, params: { max } };
    }
    case "invalid_type":
      return { field, problem: issue.expected === "int" ? "NOT_INTEGER" : "INVALID", params: {} };
    case "invalid_value":
      return { field, problem: "CHOICE", params: {} };
    case "invalid_format":
      return { field, problem: "FORMAT", params: {} };
    case "custom": {
      const problem = (issue.params as { problem?: string } | undefined)?.problem;
      return { field, problem: problem ?? "INVALID", params: {} };
    }
    default:
      return { field, problem: "INVALID", params: {} };
  }
}

/** Input the shared schemas refused, as one refusal with its issues. */
export function zodRefusal(error: z.ZodError): WireRefusal {
  return { code: "INVALID_INPUT", params: {}, issues: error.issues.map(inputIssue) };
}

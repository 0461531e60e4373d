// Refusals: every error the core and services raise carries a stable code and its parameters.
// REFUSALS below is the ONE list of codes; each has its HTTP/tRPC status. The words live in
// src/messages/<locale>/errors.json under `refusals.<CODE>` (tests/unit/errors/refusals.test.ts
// checks both locales cover this list exactly). The API layer puts `{ code, params }` in the tRPC
// error's `data.refusal`; the browser translates it (src/lib/errors/). Raise one with
// `throw refuse("CODE", { ...params })`.

/** The status a refusal is answered with (tRPC code; HTTP status for plain routes). */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  | "PRECONDITION_FAILED"
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "TOO_MANY_REQUESTS";

/** A parameter's value: ids, limits, action and phase names (the UI translates the last two). */
type Param = string | number;
type NoParams = Record<never, never>;

/** A code's entry: its status, and (in the type only) the parameters its sentence needs. */
interface Refusal<P> {
  status: DomainErrorCode;
  /** Never set: carries the parameter type for `refuse`. */
  params?: P;
}
const r = <P extends Record<string, Param> = NoParams>(status: DomainErrorCode): Refusal<P> => ({ status });

const REFUSALS = {
  // Sign-in and access
  SIGN_IN: r("UNAUTHORIZED"),
  SIGN_IN_FOR_RECORD: r("UNAUTHORIZED"),
  ROLE_FORBIDS: r<{ action: string }>("FORBIDDEN"),
  PHASE_FORBIDS: r<{ action: string; phase: string }>("PRECONDITION_FAILED"),
  MEETING_CLOSED: r<{ action: string }>("PRECONDITION_FAILED"),
  RECORD_AFTER_CLOSE: r("FORBIDDEN"),
  RECORD_MEMBERS_ONLY: r("FORBIDDEN"),
  PASSWORD_CHANGE_REQUIRED: r("PRECONDITION_FAILED"),
  TWO_FACTOR_ENROLMENT_REQUIRED: r("PRECONDITION_FAILED"),
  // Things that are not there
  MEETING_NOT_FOUND: r("NOT_FOUND"),
  USER_NOT_FOUND: r("NOT_FOUND"),
  MEMBER_NOT_FOUND: r("NOT_FOUND"),
  IDEA_NOT_FOUND: r("NOT_FOUND"),
  PROPOSAL_NOT_FOUND: r("NOT_FOUND"),
  // Speaking token
  NOBODY_HOLDS_TOKEN: r("PRECONDITION_FAILED"),
  ALREADY_HOLDER: r("CONFLICT"),
  ALREADY_QUEUED: r("CONFLICT"),
  NOT_QUEUED: r("PRECONDITION_FAILED"),
  OTHER_NOT_QUEUED: r("PRECONDITION_FAILED"),
  NOT_HOLDER: r("PRECONDITION_FAILED"),
  GRANT_NOT_QUEUED: r("PRECONDITION_FAILED"),
  TOKEN_CHANGED: r("CONFLICT"),
  // Phases
  PHASE_UNCHANGED: r<{ phase: string }>("PRECONDITION_FAILED"),
  PHASE_FINAL: r("PRECONDITION_FAILED"),
  PHASE_ONE_STEP: r<{ from: string; to: string; next: string }>("PRECONDITION_FAILED"),
  PHASE_REASON_REQUIRED: r("BAD_REQUEST"),
  PHASE_REASON_TOO_LONG: r<{ max: number }>("BAD_REQUEST"),
  CLOSE_VOTE_FIRST: r("PRECONDITION_FAILED"),
  // Membership
  LAST_FACILITATOR_LEAVING: r("PRECONDITION_FAILED"),
  LAST_FACILITATOR: r("PRECONDITION_FAILED"),
  // Ideas and remarks
  TEXT_EMPTY: r<{ what: string }>("BAD_REQUEST"),
  TEXT_TOO_LONG: r<{ what: string; max: number }>("BAD_REQUEST"),
  IDEA_SAME_TEXT: r("CONFLICT"),
  IDEA_GONE: r("CONFLICT"),
  REMARK_KIND: r("BAD_REQUEST"),
  LINKED_IDEA_FOREIGN: r("BAD_REQUEST"),
  // Proposals and votes
  CHOICES_COUNT: r<{ min: number; max: number }>("BAD_REQUEST"),
  CHOICE_LABEL_EMPTY: r("BAD_REQUEST"),
  CHOICE_LABEL_TOO_LONG: r<{ max: number }>("BAD_REQUEST"),
  CHOICES_DISTINCT: r("BAD_REQUEST"),
  QUORUM_FRACTION: r("BAD_REQUEST"),
  QUORUM_PERCENT: r("BAD_REQUEST"),
  PROPOSAL_TITLE_EMPTY: r("BAD_REQUEST"),
  PROPOSAL_TITLE_TOO_LONG: r<{ max: number }>("BAD_REQUEST"),
  PROPOSAL_TEXT_TOO_LONG: r<{ max: number }>("BAD_REQUEST"),
  BALLOT_SECRECY: r("BAD_REQUEST"),
  MAJORITY_UNKNOWN: r("BAD_REQUEST"),
  VOTING_CLOSED: r("PRECONDITION_FAILED"),
  VOTE_CLOSED_MEANWHILE: r("CONFLICT"),
  PROPOSAL_ALREADY_CLOSED: r("PRECONDITION_FAILED"),
  UNKNOWN_OPTION: r<{ option: string }>("BAD_REQUEST"),
  SECRET_VOTE_FINAL: r("CONFLICT"),
  SAME_VOTE: r("CONFLICT"),
  // Feedback
  RATING_RANGE: r("BAD_REQUEST"),
  FEEDBACK_COMMENT_TOO_LONG: r<{ max: number }>("BAD_REQUEST"),
  ALREADY_RATED: r("CONFLICT"),
  // Accounts and security
  EMAIL_TAKEN: r("CONFLICT"),
  WRONG_PASSWORD: r("BAD_REQUEST"),
  INVALID_CODE: r("BAD_REQUEST"),
  REPLAYED_CODE: r("BAD_REQUEST"),
  TWO_FACTOR_ON: r("CONFLICT"),
  TWO_FACTOR_OFF: r("PRECONDITION_FAILED"),
  TWO_FACTOR_REQUIRED: r("PRECONDITION_FAILED"),
  SETUP_CHANGED: r("CONFLICT"),
  SETUP_NOT_STARTED: r("PRECONDITION_FAILED"),
  LAST_ADMIN: r("PRECONDITION_FAILED"),
  NOT_YOURSELF: r("PRECONDITION_FAILED"),
  TOO_MANY_ATTEMPTS: r<{ seconds: number }>("TOO_MANY_REQUESTS"),
  LIVE_TOO_FAST: r("TOO_MANY_REQUESTS"),
  // The shared canvas (board/board.ts)
  POINT_ALREADY_OPEN: r("CONFLICT"),
  POINT_NOT_OPEN: r("PRECONDITION_FAILED"),
  POINT_NO_LONGER_OPEN: r("CONFLICT"),
  QUEUE_POLICY_UNCHANGED: r("PRECONDITION_FAILED"),
  QUEUE_ALREADY_FIRST: r("PRECONDITION_FAILED"),
  QUEUE_ALREADY_LAST: r("PRECONDITION_FAILED"),
  QUEUE_MOVE_TOO_FAR: r("PRECONDITION_FAILED"),
  BOARD_NOT_HOLDER: r("PRECONDITION_FAILED"),
  BOARD_NOT_HOLDER_OR_FACILITATOR: r("PRECONDITION_FAILED"),
  BOARD_FULL: r<{ max: number }>("PRECONDITION_FAILED"),
  BOARD_EMPTY: r("PRECONDITION_FAILED"),
  SHAPE_EXISTS: r("CONFLICT"),
  SHAPE_NOT_FOUND: r("NOT_FOUND"),
  SHAPE_DOES_NOT_MOVE: r("PRECONDITION_FAILED"),
  NOTHING_TO_UNDO: r("PRECONDITION_FAILED"),
  NOTHING_TO_REDO: r("PRECONDITION_FAILED"),
  DRAW_POLICY_UNCHANGED: r("CONFLICT"),
  // Video
  NOT_IN_CALL: r("PRECONDITION_FAILED"),
  PEER_NOT_IN_CALL: r("PRECONDITION_FAILED"),
  MIC_POLICY_UNCHANGED: r("PRECONDITION_FAILED"),
  MIC_FLOOR_ONLY: r("PRECONDITION_FAILED"),
  SCREEN_HOLDER_ONLY: r("PRECONDITION_FAILED"),
  MEDIA_TO_EVERYONE: r("BAD_REQUEST"),
  /** Through the SFU: that person's camera and microphone have not reached it (yet). */
  PEER_NOT_PUBLISHING: r("PRECONDITION_FAILED"),
  /** The SFU did not answer or refused: the call cannot carry media now. */
  SFU_UNAVAILABLE: r("PRECONDITION_FAILED"),
  // Input the shared zod schemas refused: `issues` ride beside the code (src/lib/errors/zod.ts)
  INVALID_INPUT: r("BAD_REQUEST"),
} as const;

export type RefusalCode = keyof typeof REFUSALS;
export const REFUSAL_CODES = Object.keys(REFUSALS) as RefusalCode[];

type RefusalParams<C extends RefusalCode> = (typeof REFUSALS)[C] extends Refusal<infer P> ? P : never;

/** What travels to the client (tRPC `data.refusal`, the JSON body of plain routes). */
export interface RefusalData {
  code: RefusalCode;
  params: Record<string, Param>;
}

/** Marks a refusal whichever copy of this module made it (see DomainError's instanceof). */
const DOMAIN_ERROR = Symbol.for("orchestrasec.DomainError");

export class DomainError extends Error {
  /**
   * The production server loads this module twice: once in Next's bundle (the HTTP routes), once
   * as plain TypeScript (server.ts, the room hub). A refusal thrown by the hub during an HTTP
   * call was then not an instance of the bundle's class and went out as a 500. The brand makes
   * `instanceof DomainError` true for either copy; subclasses keep the ordinary check.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== DomainError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === "object" && value !== null && DOMAIN_ERROR in value;
  }
  /** The answer's status (tRPC code). */
  readonly code: DomainErrorCode;
  private readonly [DOMAIN_ERROR] = true;
  constructor(
    readonly refusal: RefusalCode,
    readonly params: Record<string, Param> = {},
  ) {
    // The message is for logs: the code and its parameters. People read the translated sentence.
    super(Object.keys(params).length ? `${refusal} ${JSON.stringify(params)}` : refusal);
    this.name = "DomainError";
    this.code = REFUSALS[refusal].status;
  }

  toData(): RefusalData {
    return { code: this.refusal, params: this.params };
  }
}

type ParamsArg<C extends RefusalCode> = keyof RefusalParams<C> extends never ? [] : [RefusalParams<C>];

/** THE way to refuse: `throw refuse("PHASE_FORBIDS", { action, phase })`. */
export function refuse<C extends RefusalCode>(code: C, ...params: ParamsArg<C>): DomainError {
  return new DomainError(code, (params[0] ?? {}) as Record<string, Param>);
}

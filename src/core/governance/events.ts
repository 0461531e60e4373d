import type { ProposalClosedEvent, ProposalOpenedEvent } from "../decisions/lifecycle";
import type { VoteCastEvent } from "../decisions/votes";
import type { FeedbackGivenEvent } from "../feedback";
import type { IdeaEvent } from "../ideas";

// The governance events, each defined next to the rules that produce it. The phase
// change (`phase.changed`) is in the main union. A secret `vote.cast` carries who voted, never what.
export type GovernanceEvent =
  IdeaEvent | ProposalOpenedEvent | VoteCastEvent | ProposalClosedEvent | FeedbackGivenEvent;

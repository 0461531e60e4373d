import type { LiveMessage } from "@/core/room/stream";

type EphemeralMessage = Extract<LiveMessage, { t: "ephemeral" }>;
type Listener = (message: EphemeralMessage) => void;

/** Who on the page wants the room's ephemeral messages (pointers, strokes in progress, signals). */
export class EphemeralListeners {
  private readonly listeners = new Set<Listener>();

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(message: EphemeralMessage): void {
    for (const listener of this.listeners) listener(message);
  }
}

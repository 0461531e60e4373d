import type { EventBus, Listener } from "./bus";

/** The in-process bus: enough when one process serves every meeting. */
export class MemoryEventBus implements EventBus {
  private readonly topics = new Map<string, Set<Listener<unknown>>>();

  async publish(topic: string, message: unknown): Promise<void> {
    // Copy: a listener may unsubscribe while we iterate.
    for (const listener of [...(this.topics.get(topic) ?? [])]) listener(message);
  }

  subscribe(topic: string, listener: Listener<unknown>): () => void {
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.topics.delete(topic);
    };
  }

  async close(): Promise<void> {
    this.topics.clear();
  }
}

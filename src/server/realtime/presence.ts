import { presenceTopic, type EventBus } from "@/server/events/bus";

/**
 * Who is connected to each meeting room right now (per process: a user counts as online while at
 * least one of their connections is subscribed). Changes are announced on the bus.
 */
export class Presence {
  private readonly rooms = new Map<string, Map<string, Set<string>>>();

  constructor(private readonly bus: EventBus) {}

  online(meetingId: string): string[] {
    return [...(this.rooms.get(meetingId)?.keys() ?? [])];
  }

  enter(meetingId: string, userId: string, connectionId: string): void {
    let room = this.rooms.get(meetingId);
    if (!room) this.rooms.set(meetingId, (room = new Map()));
    const conns = room.get(userId) ?? new Set<string>();
    const wasOnline = conns.size > 0;
    conns.add(connectionId);
    room.set(userId, conns);
    if (!wasOnline) this.announce(meetingId);
  }

  leave(meetingId: string, userId: string, connectionId: string): void {
    const room = this.rooms.get(meetingId);
    const conns = room?.get(userId);
    if (!room || !conns?.delete(connectionId)) return;
    if (conns.size === 0) {
      room.delete(userId);
      if (room.size === 0) this.rooms.delete(meetingId);
      this.announce(meetingId);
    }
  }

  private announce(meetingId: string): void {
    void this.bus.publish(presenceTopic(meetingId), { online: this.online(meetingId) });
  }
}

import type { Db } from "@/server/db/client";
import type { Clock } from "@/server/clock";
import type { EventBus } from "@/server/events/bus";
import { Presence, type PresenceOptions } from "./presence";
import { RoomHub } from "./room-hub";

/** Who is online and the live rooms, for one process on `bus`: what every Deps carries. */
export function createRealtime(db: Db, bus: EventBus, clock: Clock, presenceOptions?: PresenceOptions) {
  const presence = new Presence(bus, presenceOptions);
  return { presence, live: new RoomHub({ db, bus, presence, clock }) };
}

import { createHmac } from "node:crypto";

// Janus's numbers for a meeting's room and its people's feeds, and the room's secret, derived
// from the meeting and user ids under a key of the server's. Derived rather than stored: every
// process of the app finds the same room and feeds without sharing a table, and a process that
// restarts can still destroy a room it created. Nobody without the key can guess a room's secret.

/** 48 bits: a JSON number stays exact in JavaScript, and collisions are out of reach. */
const idOf = (key: string, label: string): number =>
  createHmac("sha256", key).update(label).digest().readUIntBE(0, 6) + 1;

export interface RoomIds {
  room: number;
  secret: string;
  feedOf(userId: string): number;
}

export function roomIds(key: string, meetingId: string): RoomIds {
  return {
    room: idOf(key, `room\n${meetingId}`),
    secret: createHmac("sha256", key).update(`secret\n${meetingId}`).digest("base64url"),
    feedOf: (userId) => idOf(key, `feed\n${meetingId}\n${userId}`),
  };
}

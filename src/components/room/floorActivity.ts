import type { RoomEnvelope } from "@/core/room/envelope";

/** A fair floor's event in words (under "floor.activity"), or null for any other event. */
export function floorActivity(e: RoomEnvelope["event"], name: (id: string | null | undefined) => string) {
  if (!e.type.startsWith("floor.")) return null;
  const reason = "reason" in e && e.reason ? e.reason : "";
  const values = {
    subject: "userId" in e ? name(e.userId) : "",
    reason,
    hasReason: reason ? "yes" : "no",
    policy: e.type === "floor.policySet" ? e.to : "",
    skipped: "skipped" in e ? e.skipped.map(name).join(", ") : "",
    from: e.type === "floor.reordered" ? e.from : 0,
    to: e.type === "floor.reordered" ? e.to : 0,
    direction: e.type === "floor.reordered" ? e.direction : "",
    position: e.type === "floor.grantedOutOfOrder" ? e.position : 0,
  };
  return { key: e.type.slice("floor.".length), values };
}

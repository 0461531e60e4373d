import { describe, expect, it } from "vitest";
import {
  ADMIN_CHAIN_GENESIS,
  adminAuditEntry,
  adminAuditRow,
  verifyAdminChain,
  type AdminAuditRow,
} from "@/core/admin-audit/chain";
import type { AdminAuditAction } from "@/core/admin-audit/events";
import { genesisHash } from "@/core/audit/chain";

const T0 = new Date("2026-03-01T10:00:00.000Z");
const EVENTS: AdminAuditAction[] = [
  { action: "user.created", email: "a@example.test", name: "A", role: "USER" },
  { action: "user.roleChanged", from: "USER", to: "AUDITOR" },
  { action: "user.disabled" },
  { action: "settings.twoFactorPolicyChanged", from: "PRIVILEGED", to: "EVERYONE" },
];

function chain(): { rows: AdminAuditRow[]; head: { lastSeq: number; lastHash: string } } {
  const rows: AdminAuditRow[] = [];
  let prev = ADMIN_CHAIN_GENESIS;
  EVENTS.forEach((event, i) => {
    const row = adminAuditRow(prev, {
      seq: i + 1,
      at: new Date(T0.getTime() + i * 1000),
      actorId: "u_admin",
      targetUserId: event.action.startsWith("settings.") ? null : "u_target",
      event,
    });
    rows.push(row);
    prev = row.hash;
  });
  return { rows, head: { lastSeq: rows.length, lastHash: prev } };
}

describe("admin audit chain", () => {
  it("has its own genesis, distinct from any meeting's", () => {
    expect(ADMIN_CHAIN_GENESIS).toMatch(/^[0-9a-f]{64}$/);
    expect(ADMIN_CHAIN_GENESIS).not.toBe(genesisHash("admin-audit"));
  });

  it("round-trips entries and verifies an untouched log", () => {
    const { rows, head } = chain();
    expect(adminAuditEntry(rows[1]).event).toEqual(EVENTS[1]);
    expect(rows[0].payload).toBe('{"email":"a@example.test","name":"A","role":"USER"}');
    expect(verifyAdminChain(rows, head)).toEqual({ ok: true, count: 4 });
    expect(verifyAdminChain([], { lastSeq: 0, lastHash: ADMIN_CHAIN_GENESIS })).toEqual({
      ok: true,
      count: 0,
    });
  });

  it("finds an edited payload, actor, target or time", () => {
    for (const edit of [
      (r: AdminAuditRow) => ({ ...r, payload: '{"from":"USER","to":"ADMIN"}' }),
      (r: AdminAuditRow) => ({ ...r, actorId: "u_someone" }),
      (r: AdminAuditRow) => ({ ...r, targetUserId: "u_other" }),
      (r: AdminAuditRow) => ({ ...r, at: new Date(0) }),
      (r: AdminAuditRow) => ({ ...r, payload: '{ "from":"USER","to":"AUDITOR"}' }), // same JSON, other bytes
    ]) {
      const { rows, head } = chain();
      rows[1] = edit(rows[1]);
      expect(verifyAdminChain(rows, head)).toEqual({ ok: false, brokenAt: 2, reason: "changed" });
    }
  });

  it("finds a deleted entry, a rewritten newest entry and a truncated tail", () => {
    const { rows, head } = chain();
    expect(verifyAdminChain([rows[0], rows[2], rows[3]], head)).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: "missing",
    });
    expect(verifyAdminChain(rows.slice(0, 3), head)).toEqual({ ok: false, brokenAt: 4, reason: "head" });
    const forged = adminAuditRow(rows[2].hash, {
      ...adminAuditEntry(rows[3]),
      event: { action: "user.enabled" },
    });
    expect(verifyAdminChain([...rows.slice(0, 3), forged], head)).toEqual({
      ok: false,
      brokenAt: 4,
      reason: "head",
    });
    const relinked = { ...rows[2], prevHash: ADMIN_CHAIN_GENESIS };
    expect(verifyAdminChain([rows[0], rows[1], relinked, rows[3]], head)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: "badLink",
    });
  });
});

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { codeOf, createTestApp, type TestApp } from "../../helpers/app";
import type { SessionUser } from "@/server/auth/session";
import type { Tx } from "@/server/db/client";
import { runAdminCommand } from "@/server/services/admin-log";
import { ADMIN_CHAIN_GENESIS } from "@/core/admin-audit/chain";

// Admin commands run through one runner (services/admin-log.ts): the permission table first,
// then the change and its one audit entry in one transaction. What is compared here is the
// database itself: the accounts, the settings, the audit rows and the chain's head.

let app: TestApp;
let admin: SessionUser;
let auditor: SessionUser;
let bob: SessionUser;
beforeEach(async () => {
  app = await createTestApp();
  admin = await app.user("Ada", "ADMIN");
  auditor = await app.user("Audrey", "AUDITOR");
  bob = await app.user("Bob");
});
afterEach(() => app.close());

/** Everything an admin command may write, read back. */
async function state() {
  const db = app.deps.db;
  const [users, settings, rows, head] = await Promise.all([
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.setting.findMany({ orderBy: { key: "asc" } }),
    db.adminAuditEvent.findMany({ orderBy: { seq: "asc" } }),
    db.adminAuditHead.findUnique({ where: { id: 1 } }),
  ]);
  // The head row is created by the first command that takes the log's lock: absent = genesis.
  return { users, settings, rows, head: head ?? { id: 1, lastSeq: 0, lastHash: ADMIN_CHAIN_GENESIS } };
}

describe("admin commands: no change without its audit entry", () => {
  it("a command the table refuses writes nothing", async () => {
    const before = await state();
    const calls = [
      app.as(auditor).admin.createUser({ name: "Eve", email: "eve@example.test", role: "ADMIN" }),
      app.as(bob).admin.setRole({ userId: bob.userId, role: "ADMIN" }),
      app.as(auditor).admin.setTwoFactorPolicy({ policy: "OFF" }),
      app.as(bob).admin.resetPassword({ userId: admin.userId }),
    ];
    expect(await Promise.all(calls.map(codeOf))).toEqual([
      "FORBIDDEN",
      "FORBIDDEN",
      "FORBIDDEN",
      "FORBIDDEN",
    ]);
    expect(await state()).toEqual(before);
  });

  it("a command a rule refuses writes nothing (the last active admin stays one)", async () => {
    const before = await state();
    expect(await codeOf(app.as(admin).admin.setRole({ userId: admin.userId, role: "USER" }))).toBe(
      "PRECONDITION_FAILED",
    );
    expect(await state()).toEqual(before);
  });

  it("a command that changes nothing writes nothing, not even an entry", async () => {
    const before = await state();
    await app.as(admin).admin.setRole({ userId: bob.userId, role: "USER" });
    await app.as(admin).admin.setDisabled({ userId: bob.userId, disabled: false });
    expect(await state()).toEqual(before);
  });

  it("an accepted command writes its change and exactly one audit row, chained to the head", async () => {
    const before = await state();
    await app.as(admin).admin.setRole({ userId: bob.userId, role: "AUDITOR" });
    const after = await state();
    expect(after.rows).toHaveLength(before.rows.length + 1);
    const entry = after.rows.at(-1)!;
    expect(entry).toMatchObject({
      actorId: admin.userId,
      targetUserId: bob.userId,
      action: "user.roleChanged",
      prevHash: before.head.lastHash,
    });
    expect(after.head).toEqual({ id: 1, lastSeq: entry.seq, lastHash: entry.hash });
    expect(after.users.find((u) => u.id === bob.userId)?.globalRole).toBe("AUDITOR");
    expect(after.users.filter((u) => u.id !== bob.userId)).toEqual(
      before.users.filter((u) => u.id !== bob.userId),
    );
  });

  it("a command cannot write while deciding: the read view refuses it and nothing is kept", async () => {
    const before = await state();
    const attempt = runAdminCommand(
      app.deps,
      { actor: admin, action: "admin.users.setRole" },
      async (read) => {
        await (read as unknown as Tx).user.update({
          where: { id: bob.userId },
          data: { globalRole: "ADMIN" },
        });
        return { unchanged: null };
      },
    );
    await expect(attempt).rejects.toThrow(/decides by reading/);
    expect(await state()).toEqual(before);
  });
});

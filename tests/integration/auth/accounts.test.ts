import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { codeOf, createTestApp, type TestApp } from "../../helpers/app";
import { signUp } from "@/server/services/accounts";
import { ensureAdmin } from "@/server/auth/bootstrap";
import { authenticate } from "@/server/auth/options";
import { verifyPassword } from "@/server/auth/password";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp();
});
afterEach(async () => {
  await app.close();
});

const input = (n: number) => ({
  name: `Person ${n}`,
  email: `person${n}@example.test`,
  password: "a good long password",
});

describe("account router", () => {
  it("makes the first account ADMIN and later ones USER, and reports it in status", async () => {
    const anon = app.as(null);
    expect(await anon.account.status()).toEqual({
      hasUsers: false,
      firstUserBecomesAdmin: true,
      adminConfiguredByServer: false,
    });
    const first = await anon.account.signUp(input(1));
    const second = await anon.account.signUp(input(2));
    expect(first.globalRole).toBe("ADMIN");
    expect(second.globalRole).toBe("USER");
    expect(await anon.account.status()).toEqual({
      hasUsers: true,
      firstUserBecomesAdmin: false,
      adminConfiguredByServer: false,
    });
    expect(first).not.toHaveProperty("passwordHash");
  });

  it("stores a normalised email and a scrypt hash, never the password", async () => {
    await app
      .as(null)
      .account.signUp({ name: "  Ada  ", email: "  Ada@Example.TEST ", password: "a good long password" });
    const row = await app.deps.db.user.findUniqueOrThrow({ where: { email: "ada@example.test" } });
    expect(row.name).toBe("Ada");
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("a good long password", row.passwordHash)).toBe(true);
  });

  it("refuses a duplicate email (any case) with CONFLICT", async () => {
    await app.as(null).account.signUp(input(1));
    const again = app.as(null).account.signUp({ ...input(1), email: "PERSON1@example.test" });
    await expect(again).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An account with this email already exists.",
    });
  });

  it("validates input with the shared schema", async () => {
    const anon = app.as(null);
    expect(await codeOf(anon.account.signUp({ ...input(1), password: "short" }))).toBe("BAD_REQUEST");
    expect(await codeOf(anon.account.signUp({ ...input(1), email: "nope" }))).toBe("BAD_REQUEST");
    expect(await codeOf(anon.account.signUp({ ...input(1), name: "   " }))).toBe("BAD_REQUEST");
    expect(await codeOf(anon.account.signUp({ ...input(1), name: "x".repeat(81) }))).toBe("BAD_REQUEST");
    expect(await codeOf(anon.account.signUp({ ...input(1), password: "x".repeat(201) }))).toBe("BAD_REQUEST");
  });

  it("me needs a session and returns it", async () => {
    expect(await codeOf(app.as(null).account.me())).toBe("UNAUTHORIZED");
    const user = await app.user("Bob");
    expect(await app.as(user).account.me()).toEqual(user);
  });
});

describe("accounts service", () => {
  it("lets exactly one of several simultaneous first sign-ups become ADMIN", async () => {
    const created = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => signUp(app.deps.db, input(n), { adminConfiguredByServer: false })),
    );
    expect(created.filter((u) => u.globalRole === "ADMIN")).toHaveLength(1);
  });

  it("never makes a sign-up ADMIN when the server configures the administrator", async () => {
    const first = await signUp(app.deps.db, input(1), { adminConfiguredByServer: true });
    expect(first.globalRole).toBe("USER");
  });
});

describe("ensureAdmin", () => {
  it("creates the configured admin once, and leaves an existing account alone", async () => {
    const env = { ADMIN_EMAIL: "Root@Example.test", ADMIN_PASSWORD: "admin password 123" };
    expect(await ensureAdmin(app.deps, env)).toBe("created");
    expect(await ensureAdmin(app.deps, { ...env, ADMIN_PASSWORD: "another password" })).toBe("exists");
    const row = await app.deps.db.user.findUniqueOrThrow({ where: { email: "root@example.test" } });
    expect(row.globalRole).toBe("ADMIN");
    expect(await verifyPassword("admin password 123", row.passwordHash)).toBe(true);
    expect(await ensureAdmin(app.deps, {})).toBe("not-configured");
    expect(await ensureAdmin(app.deps, { ADMIN_EMAIL: "x@example.test" })).toBe("not-configured");
  });
});

describe("credentials check (next-auth authorize)", () => {
  it("accepts the right password and returns the session claims", async () => {
    const u = await signUp(app.deps.db, input(1), { adminConfiguredByServer: false });
    const result = await authenticate(app.deps.db, {
      email: " PERSON1@example.test",
      password: "a good long password",
    });
    expect(result).toEqual({
      id: u.userId,
      name: "Person 1",
      email: "person1@example.test",
      role: "ADMIN",
      sv: 0,
    });
  });

  it("answers null for a wrong password, an unknown email, a disabled user or junk", async () => {
    const u = await signUp(app.deps.db, input(1), { adminConfiguredByServer: false });
    expect(
      await authenticate(app.deps.db, { email: "person1@example.test", password: "wrong password!" }),
    ).toBeNull();
    expect(
      await authenticate(app.deps.db, { email: "nobody@example.test", password: "a good long password" }),
    ).toBeNull();
    expect(await authenticate(app.deps.db, { email: "person1@example.test" })).toBeNull();
    expect(await authenticate(app.deps.db, null)).toBeNull();
    await app.deps.db.user.update({ where: { id: u.userId }, data: { disabled: true } });
    expect(
      await authenticate(app.deps.db, { email: "person1@example.test", password: "a good long password" }),
    ).toBeNull();
  });
});

describe("password upgrade at sign-in", () => {
  it("re-hashes a hash made with weaker parameters once the password is known", async () => {
    const { scryptSync, randomBytes } = await import("node:crypto");
    const salt = randomBytes(16);
    const weak = `scrypt$16384$8$1$${salt.toString("base64url")}$${scryptSync("legacy password", salt, 32, { N: 2 ** 14, r: 8, p: 1 }).toString("base64url")}`;
    const u = await app.deps.db.user.create({
      data: { email: "old@example.test", name: "Old", passwordHash: weak },
    });
    expect(
      await authenticate(app.deps.db, { email: "old@example.test", password: "legacy password" }),
    ).not.toBeNull();
    const row = await app.deps.db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("legacy password", row.passwordHash)).toBe(true);
  });
});

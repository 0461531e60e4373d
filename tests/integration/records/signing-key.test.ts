import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app";
import { getRecord, getSigningKey, serveWith, staffUser } from "../../helpers/routes";
import { runScriptedMeeting } from "../../helpers/record-meeting";
import { runCliCommand } from "../../helpers/cli";
import {
  currentSigningKey,
  installSigningKey,
  publishedKeys,
  resealSigningKeys,
} from "@/server/security/signing-key";
import { createSecretBox, generateKeyEntry, parseKeyring } from "@/server/security/secret-box";
import { verifyBundle } from "@/core/audit/verify-bundle";

let app: TestApp;
let dir: string;
/** The keyring the app seals with, known here so that a rotation can keep it as the old key. */
const firstKey = generateKeyEntry("k1");

beforeAll(async () => {
  app = await createTestApp();
  app.deps.secrets = createSecretBox(parseKeyring(firstKey));
  serveWith(app.deps);
  dir = mkdtempSync(path.join(os.tmpdir(), "orchestrasec-bundle-"));
});
afterAll(() => app.close());

describe("the server's signing key", () => {
  it("is created once, even by concurrent first uses, and stored sealed", async () => {
    const keys = await Promise.all([1, 2, 3, 4].map(() => currentSigningKey(app.deps)));
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
    const rows = await app.deps.db.serverKey.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: keys[0].keyId, current: true, algorithm: "Ed25519" });
    expect(rows[0].encryptedPrivateKey).toMatch(/^v1\.k1\./); // AES-256-GCM under the keyring's key
    expect(rows[0].encryptedPrivateKey).not.toContain("PRIVATE KEY");
  });

  it("cannot be opened under another keyring, nor moved to another row", async () => {
    const other = { db: app.deps.db, secrets: createSecretBox(parseKeyring(generateKeyEntry("other"))) };
    await expect(currentSigningKey(other)).rejects.toThrow(/not in the keyring/);
    const row = await app.deps.db.serverKey.findFirstOrThrow();
    const twin = { ...row, id: "ed25519:ffffffffffffffffffffffffffffffff", current: null };
    await app.deps.db.serverKey.create({ data: twin });
    expect(() =>
      app.deps.secrets.decrypt(twin.encryptedPrivateKey, `orchestrasec/server-signing-key:${twin.id}`),
    ).toThrow(/authentication failed/);
    // A row whose public key does not hash to its id is never published.
    expect((await publishedKeys(app.deps.db)).map((k) => k.keyId)).toEqual([row.id]);
    await app.deps.db.serverKey.delete({ where: { id: twin.id } });
  });

  it("is published at the well-known URL, as PEM and as a JSON list", async () => {
    const { keyId, publicKeyPem } = await currentSigningKey(app.deps);
    const pem = await getSigningKey();
    expect(pem.status).toBe(200);
    expect(pem.headers.get("x-key-id")).toBe(keyId);
    expect(await pem.text()).toBe(publicKeyPem);
    const json = (await (await getSigningKey("?format=json")).json()) as {
      keys: { keyId: string; current: boolean }[];
    };
    expect(json.keys).toEqual([expect.objectContaining({ keyId, current: true })]);
  });

  it("rotates: the new key signs, the old one stays published so old records still verify", async () => {
    const auditor = await staffUser(app, "Ida", "AUDITOR");
    const { meetingId } = await runScriptedMeeting(app);
    const oldKey = await (await getSigningKey()).text();
    const oldRecord = await (await getRecord(meetingId, "format=json", auditor)).text();

    const newId = await installSigningKey(app.deps);
    const keys = await publishedKeys(app.deps.db);
    expect(keys.map((k) => [k.keyId, k.current])).toEqual([
      [newId, true],
      [expect.any(String), false],
    ]);
    expect(keys[1].retiredAt).not.toBeNull();
    const newRecord = await (await getRecord(meetingId, "format=json", auditor)).text();
    expect(JSON.parse(newRecord).signature.keyId).toBe(newId);
    expect(verifyBundle(newRecord, await (await getSigningKey()).text()).ok).toBe(true);
    expect(verifyBundle(oldRecord, oldKey).ok).toBe(true);
    expect(verifyBundle(oldRecord, keys[0].publicKey).ok).toBe(false);
  });

  it("re-seals under a new keyring key (keyring rotation), and keeps signing", async () => {
    const newKey = generateKeyEntry("k2");
    const rotated = { db: app.deps.db, secrets: createSecretBox(parseKeyring(`${newKey},${firstKey}`)) };
    expect(await resealSigningKeys(rotated)).toBe(2);
    expect(await resealSigningKeys(rotated)).toBe(0);
    for (const row of await app.deps.db.serverKey.findMany())
      expect(row.encryptedPrivateKey).toMatch(/^v1\.k2\./);
    // Without the old keyring key, the re-sealed key still opens.
    const onlyNew = { db: app.deps.db, secrets: createSecretBox(parseKeyring(newKey)) };
    expect((await currentSigningKey(onlyNew)).keyId).toBe((await publishedKeys(app.deps.db))[0].keyId);
    app.deps.secrets = onlyNew.secrets; // the server restarted with the new keyring
  });
});

describe("offline verification with the standalone command", () => {
  it("verifies a downloaded record against a key file or the key list, and fails for one changed byte", async () => {
    const auditor = await staffUser(app, "Ines", "AUDITOR");
    const { meetingId } = await runScriptedMeeting(app, { title: "Offline" });
    const bundle = path.join(dir, "record.json");
    const keyFile = path.join(dir, "key.pem");
    const keyList = path.join(dir, "keys.json");
    writeFileSync(
      bundle,
      Buffer.from(await (await getRecord(meetingId, "format=json", auditor)).arrayBuffer()),
    );
    writeFileSync(keyFile, await (await getSigningKey()).text());
    writeFileSync(keyList, await (await getSigningKey("?format=json")).text());

    const ok = runCliCommand("verify-bundle.ts", [bundle, "--key", keyFile]);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`VERIFIED: record of meeting ${meetingId}`);
    expect(runCliCommand("verify-bundle.ts", [bundle, "--key", keyList]).status).toBe(0);

    const text = readFileSync(bundle, "utf8");
    const i = text.indexOf('"Offline"') + 3;
    writeFileSync(bundle, text.slice(0, i) + "X" + text.slice(i + 1));
    const bad = runCliCommand("verify-bundle.ts", [bundle, "--key", keyFile]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/FAIL\s+signature/);
    expect(bad.stdout).toContain("NOT VERIFIED");

    expect(runCliCommand("verify-bundle.ts", [bundle]).status).toBe(1); // no key: usage
  });
});

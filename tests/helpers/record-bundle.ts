// The scripted record as a signed JSON bundle, built by the server's own builder with the test key.
import { createPrivateKey, createPublicKey } from "node:crypto";
import { keyIdOf } from "@/core/audit/signing";
import { buildBundle, bundleText } from "@/server/services/records/bundle";
import type { MeetingSnapshot } from "@/server/services/snapshot";
import {
  MEETING_ID,
  PEOPLE,
  TEST_SIGNING_KEY_PEM,
  at,
  scriptedEvents,
  scriptedRows,
} from "./scripted-record";

const testPrivateKey = createPrivateKey(TEST_SIGNING_KEY_PEM);
export const testPublicKeyPem = createPublicKey(testPrivateKey).export({
  type: "spki",
  format: "pem",
}) as string;

/** The scripted record's bundle, or that of another log of the same meeting (`events`). */
export function scriptedBundleText(events = scriptedEvents): string {
  const rows = scriptedRows(events);
  const last = rows.at(-1)!;
  const names = new Map(PEOPLE.map((p) => [p.id, p.name]));
  const snap = {
    id: MEETING_ID,
    title: "Budget review Q2",
    description: "Quarterly budget decisions",
    phase: "CLOSED",
    createdAt: at(0),
  } as MeetingSnapshot;
  const member = (userId: string, role: string, sec: number) => ({
    userId,
    name: names.get(userId)!,
    role,
    joinedAt: at(sec),
    leftAt: null,
  });
  return bundleText(
    buildBundle({
      snap,
      createdById: "u_ana",
      members: [
        member("u_ana", "FACILITATOR", 0),
        member("u_bob", "PARTICIPANT", 20),
        member("u_cy", "PARTICIPANT", 30),
        member("u_dee", "OBSERVER", 40),
      ],
      people: { list: PEOPLE, name: (id) => (id ? (names.get(id) ?? id) : "") },
      rows,
      exported: { at: events.at(-1)!.at, by: "u_aud", seq: last.seq },
      head: { seq: last.seq, hash: last.hash },
      key: {
        keyId: keyIdOf(createPublicKey(testPrivateKey)),
        privateKey: testPrivateKey,
        publicKeyPem: testPublicKeyPem,
      },
      keyUrl: "https://orchestrasec.example/.well-known/orchestrasec-signing-key",
    }),
  );
}

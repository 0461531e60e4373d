import { describe, expect, it } from "vitest";
import { iceServers } from "@/server/services/video";

const now = new Date(1_700_000_000_000);

describe("ICE servers from the environment", () => {
  it("contacts no outside service by default", () => {
    expect(iceServers({}, "u_ana", now)).toEqual([]);
  });
  it("passes ICE_SERVERS through", () => {
    const listed = [{ urls: "stun:stun.example.test:3478" }];
    expect(iceServers({ ICE_SERVERS: JSON.stringify(listed) }, "u_ana", now)).toEqual(listed);
  });
  it("signs a six-hour TURN credential as coturn's use-auth-secret expects", () => {
    // Written out with: printf '%s' "1700021600:u_ana" | openssl dgst -sha1 -hmac SECRET -binary | base64
    expect(
      iceServers(
        {
          TURN_URL: "turn:turn.example.test:3478,turns:turn.example.test:5349",
          TURN_SECRET: "a-shared-secret-of-coturn",
        },
        "u_ana",
        now,
      ),
    ).toEqual([
      {
        urls: ["turn:turn.example.test:3478", "turns:turn.example.test:5349"],
        username: "1700021600:u_ana",
        credential: "XsqPM302LPPbZy3QM2+GZ3buDI0=",
      },
    ]);
  });
});

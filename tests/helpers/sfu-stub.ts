// An SFU that answers every request at once without Janus: for tests of who may ask it what
// (the authorization table), where the media themselves are not the point.
import { EphemeralLimiter } from "@/server/realtime/ephemeral-limiter";
import type { Sfu } from "@/server/video/sfu";

const SDP = "v=0\r\n";

export const stubSfu = (): Sfu => ({
  rooms: {
    publish: async () => SDP,
    subscribe: async () => SDP,
    answer: async () => undefined,
    unsubscribe: async () => undefined,
  },
  limiter: new EphemeralLimiter(),
});

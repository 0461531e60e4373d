import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";
import type { Topology } from "@/core/video/sfu";
import type { SignalBody } from "@/lib/schemas/video";
import { MeshTopology, type MediaTopology } from "./mesh";
import { JanusTopology, type SfuClient } from "./janus";

// The call's media as the server says they travel (video.iceServers tells which topology): the
// panel builds one of these and never needs to know which.

interface TopologyParts {
  me: string;
  meetingId: string;
  iceServers: RTCIceServer[];
  /** The mesh's signals to one peer (live.send on "signal"). */
  send: (to: string, body: SignalBody) => void;
  onRemote: (userId: string, stream: MediaStream | null) => void;
  client: TRPCClient<AppRouter>;
}

/** The SFU procedures of one meeting, over the room's WebSocket (`live`), as the panel's other commands. */
function sfuClient(client: TRPCClient<AppRouter>, meetingId: string): SfuClient {
  const live = { context: { live: true } };
  return {
    publish: async (sdp) => (await client.video.sfuPublish.mutate({ meetingId, sdp }, live)).sdp,
    subscribe: async (feedOf) => (await client.video.sfuSubscribe.mutate({ meetingId, feedOf }, live)).sdp,
    answer: async (feedOf, sdp) =>
      void (await client.video.sfuAnswer.mutate({ meetingId, feedOf, sdp }, live)),
    unsubscribe: async (feedOf) =>
      void (await client.video.sfuUnsubscribe.mutate({ meetingId, feedOf }, live)),
  };
}

export function createTopology(kind: Topology, p: TopologyParts): MediaTopology {
  return kind === "sfu"
    ? new JanusTopology(p.me, p.iceServers, sfuClient(p.client, p.meetingId), p.onRemote)
    : new MeshTopology(p.me, p.iceServers, p.send, p.onRemote);
}

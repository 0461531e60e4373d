import type { SignalBody } from "@/lib/schemas/video";

// How the call's media travel. One interface, so an SFU can take the mesh's place for larger
// meetings: the panel says who should be connected and hands over the signals it receives.

export interface MediaTopology {
  /** The people (user ids) to exchange media with now; anyone else is disconnected. */
  sync(peers: readonly string[]): void;
  /** Our own camera and microphone (null: none). */
  setLocalStream(stream: MediaStream | null): void;
  /** A signal from `from`, stamped by the server. */
  receive(from: string, body: SignalBody): void;
  close(): void;
}

interface Peer {
  pc: RTCPeerConnection;
  polite: boolean;
  makingOffer: boolean;
  ignoreOffer: boolean;
}

/**
 * Peer-to-peer: one RTCPeerConnection per other person, with MDN's perfect negotiation (the
 * "polite" side of each pair, decided by comparing ids, yields when both offer at once), and an
 * ICE restart when a connection fails (a network drop).
 */
export class MeshTopology implements MediaTopology {
  private readonly peers = new Map<string, Peer>();
  private local: MediaStream | null = null;

  constructor(
    private readonly me: string,
    private readonly iceServers: RTCIceServer[],
    private readonly send: (to: string, body: SignalBody) => void,
    private readonly onRemote: (userId: string, stream: MediaStream | null) => void,
  ) {}

  sync(wanted: readonly string[]): void {
    for (const id of [...this.peers.keys()]) if (!wanted.includes(id)) this.drop(id, true);
    for (const id of wanted) if (id !== this.me && !this.peers.has(id)) this.connect(id);
  }

  setLocalStream(stream: MediaStream | null): void {
    this.local = stream;
    for (const peer of this.peers.values()) this.attach(peer);
  }

  receive(from: string, body: SignalBody): void {
    if (body.kind === "bye") return this.drop(from, false);
    const peer = this.peers.get(from) ?? this.connect(from);
    void this.handle(from, peer, body).catch((error: unknown) => console.warn("video signal", error));
  }

  close(): void {
    for (const id of [...this.peers.keys()]) this.drop(id, true);
  }

  private connect(id: string): Peer {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers });
    const peer: Peer = { pc, polite: this.me > id, makingOffer: false, ignoreOffer: false };
    this.peers.set(id, peer);
    pc.onnegotiationneeded = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        const d = pc.localDescription;
        if (d) this.send(id, { kind: "description", type: d.type as "offer" | "answer", sdp: d.sdp });
      } finally {
        peer.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (candidate)
        this.send(id, {
          kind: "candidate",
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid,
          sdpMLineIndex: candidate.sdpMLineIndex,
        });
    };
    pc.ontrack = ({ streams, track }) => this.onRemote(id, streams[0] ?? new MediaStream([track]));
    pc.oniceconnectionstatechange = () => {
      if (pc.iceConnectionState === "failed") pc.restartIce();
    };
    // Receive even without sending (someone who joined without a camera still sees the others).
    if (!this.local)
      for (const kind of ["audio", "video"]) pc.addTransceiver(kind, { direction: "recvonly" });
    this.attach(peer);
    return peer;
  }

  private attach(peer: Peer): void {
    if (!this.local) return;
    const sending = new Set(peer.pc.getSenders().map((s) => s.track));
    for (const track of this.local.getTracks()) if (!sending.has(track)) peer.pc.addTrack(track, this.local);
  }

  private async handle(from: string, peer: Peer, body: Exclude<SignalBody, { kind: "bye" }>): Promise<void> {
    const { pc } = peer;
    if (body.kind === "description") {
      const collision = body.type === "offer" && (peer.makingOffer || pc.signalingState !== "stable");
      peer.ignoreOffer = !peer.polite && collision;
      if (peer.ignoreOffer) return;
      await pc.setRemoteDescription({ type: body.type, sdp: body.sdp });
      if (body.type === "offer") {
        await pc.setLocalDescription();
        const d = pc.localDescription;
        if (d) this.send(from, { kind: "description", type: "answer", sdp: d.sdp });
      }
      return;
    }
    try {
      await pc.addIceCandidate({
        candidate: body.candidate,
        sdpMid: body.sdpMid,
        sdpMLineIndex: body.sdpMLineIndex,
      });
    } catch (error) {
      if (!peer.ignoreOffer) throw error;
    }
  }

  private drop(id: string, sayBye: boolean): void {
    const peer = this.peers.get(id);
    if (!peer) return;
    this.peers.delete(id);
    peer.pc.close();
    this.onRemote(id, null);
    if (sayBye) this.send(id, { kind: "bye" });
  }
}

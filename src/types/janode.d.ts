// The little of janode (untyped) that the app's Janus code uses: a connection, a session, and
// VideoRoom handles.
declare module "janode" {
  export interface Jsep {
    type: "offer" | "answer";
    sdp: string;
  }
  export interface JanodeHandle {
    detach(): Promise<void>;
    on(event: string, listener: (data: unknown) => void): void;
  }
  export interface JanodeSession {
    attach<H>(plugin: { id: string; Handle: new (...args: never[]) => H }): Promise<H & JanodeHandle>;
    destroy(): Promise<void>;
    on(event: string, listener: (data: unknown) => void): void;
  }
  export interface JanodeConnection {
    create(keepAliveSeconds?: number): Promise<JanodeSession>;
    close(): Promise<void>;
    on(event: string, listener: (data: unknown) => void): void;
  }
  const Janode: {
    connect(config: {
      address: { url: string; apisecret?: string };
      retry_time_secs?: number;
      max_retries?: number;
    }): Promise<JanodeConnection>;
    Logger: { setLevel(level: "none" | "error" | "warning" | "info" | "verbose" | "debug"): void };
    EVENT: Record<"CONNECTION_CLOSED" | "CONNECTION_ERROR" | "SESSION_DESTROYED" | "HANDLE_DETACHED", string>;
  };
  export default Janode;
}

declare module "janode/plugins/videoroom" {
  import type { Jsep } from "janode";
  type Id = number;
  export interface VideoRoomHandle {
    create(p: {
      room: Id;
      secret: string;
      max_publishers: number;
      is_private: boolean;
      videocodec?: string;
      audiocodec?: string;
      bitrate?: number;
      permanent?: boolean;
    }): Promise<{ room: Id }>;
    destroy(p: { room: Id; secret: string }): Promise<{ room: Id }>;
    exists(p: { room: Id }): Promise<{ exists: boolean }>;
    kick(p: { room: Id; feed: Id; secret: string }): Promise<unknown>;
    listParticipants(p: { room: Id; secret?: string }): Promise<{
      participants: { feed: Id; display?: string; publisher: boolean }[];
    }>;
    joinConfigurePublisher(p: {
      room: Id;
      feed: Id;
      display?: string;
      bitrate?: number;
      jsep: Jsep;
    }): Promise<{ feed: Id; jsep?: Jsep }>;
    joinSubscriber(p: {
      room: Id;
      streams: { feed: Id; mid?: string }[];
      use_msid?: boolean;
      autoupdate?: boolean;
    }): Promise<{ jsep?: Jsep }>;
    start(p: { jsep: Jsep }): Promise<unknown>;
    /** A publisher's bitrate cap (bit/s), which Janus tells the browser by REMB. */
    configure(p: { bitrate: number }): Promise<unknown>;
    hangup(): Promise<void>;
  }
  const VideoRoomPlugin: {
    id: string;
    Handle: new (...args: never[]) => VideoRoomHandle;
    EVENT: Record<string, string>;
  };
  export default VideoRoomPlugin;
}

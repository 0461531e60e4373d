import type { WebSocket } from "ws";

/** The open WebSocket connections of each signed-in user, to close them when their sessions end. */
export class UserSockets {
  private readonly byUser = new Map<string, Set<WebSocket>>();

  add(userId: string, socket: WebSocket): void {
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    if (set.has(socket)) return;
    set.add(socket);
    socket.once("close", () => {
      set.delete(socket);
      if (set.size === 0 && this.byUser.get(userId) === set) this.byUser.delete(userId);
    });
  }

  /** Closes every connection of `userId` (4401: the session ended). */
  closeAll(userId: string): void {
    for (const socket of this.byUser.get(userId) ?? []) socket.close(4401, "Session ended");
  }
}

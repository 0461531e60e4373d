"use client";
import { useEffect, useState } from "react";

/**
 * The current time, ticking every second, corrected by the server's clock so that "speaking for
 * 0:42" means the same on every screen.
 */
export function useNow(serverTime: string | undefined): number {
  const [offset, setOffset] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (serverTime) setOffset(new Date(serverTime).getTime() - Date.now());
  }, [serverTime]);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now + offset;
}

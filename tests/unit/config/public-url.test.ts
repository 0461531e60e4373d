import { describe, expect, it } from "vitest";
import { publicUrl } from "@/env";

describe("publicUrl (what next-auth builds its URLs on)", () => {
  it.each([
    [{ HOST: "0.0.0.0", PORT: 3000 }, "http://localhost:3000"],
    [{ HOST: "0.0.0.0", PORT: 8080 }, "http://localhost:8080"],
    [{ HOST: "::", PORT: 4000 }, "http://localhost:4000"],
    [{ HOST: "", PORT: 4000 }, "http://localhost:4000"],
    [{ HOST: "127.0.0.1", PORT: 5123 }, "http://127.0.0.1:5123"],
    [{ HOST: "app.internal", PORT: 80 }, "http://app.internal:80"],
    [{ HOST: "::1", PORT: 3001 }, "http://[::1]:3001"],
  ])("derives it from HOST and PORT when NEXTAUTH_URL is unset: %j", (config, expected) => {
    expect(publicUrl({ NEXTAUTH_URL: undefined, ...config })).toBe(expected);
  });

  it("keeps NEXTAUTH_URL when it is set", () => {
    expect(publicUrl({ NEXTAUTH_URL: "https://meet.example.org", HOST: "0.0.0.0", PORT: 3000 })).toBe(
      "https://meet.example.org",
    );
  });
});

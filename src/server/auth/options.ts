import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { GlobalRole } from "@/core/roles";
import { safeRedirectUrl } from "@/lib/auth-paths";
import type { Db } from "@/server/db/client";
import { getDeps } from "@/server/deps";
import { authSecret } from "./secret";
import { CLIENT_IP_HEADER, clientIpFrom } from "./client-ip";
import { checkPassword, signInWithCredentials } from "./sign-in";

declare module "next-auth" {
  interface User {
    role: GlobalRole;
    /** The user's sessionVersion when the session was issued. */
    sv: number;
    /** The second factor was passed at sign-in. */
    mfa: boolean;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: GlobalRole };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sv?: number;
    role?: GlobalRole;
    mfa?: boolean;
  }
}

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * Checks an email and password against the database: the session claims, or null for an unknown
 * email, a wrong password or a disabled account (after the same amount of scrypt work).
 */
export async function authenticate(db: Db, credentials: unknown) {
  const user = await checkPassword(db, credentials);
  if (!user) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.globalRole as GlobalRole,
    sv: user.sessionVersion,
  };
}

export const authOptions: NextAuthOptions = {
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
        code: { label: "Code", type: "text" },
        ticket: { label: "Ticket", type: "text" },
      },
      // Failures throw a SignInError, so the form receives its exact code (lib/schemas/sign-in.ts).
      authorize: (credentials, req) =>
        signInWithCredentials(getDeps(), credentials, clientIpFrom(req.headers?.[CLIENT_IP_HEADER])),
    }),
  ],
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  // Cookies: next-auth's defaults (httpOnly, SameSite=Lax, Secure and __Secure- prefix when
  // NEXTAUTH_URL is https). The secret is read per request so importing this module has no effect
  // (no data/auth-secret file written at build time).
  get secret() {
    return authSecret();
  },
  pages: {
    // Pages are localised; next-auth only redirects here for flows we do not use (redirect: true).
    signIn: "/en/sign-in",
    error: "/en/sign-in",
  },
  callbacks: {
    // Only ever a page of this origin: a hostile callbackUrl gets the default page, not a 500.
    redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
    jwt({ token, user }) {
      // `user` is only present right after authorize(): copy the claims once.
      if (user) {
        token.sub = user.id;
        token.sv = user.sv;
        token.role = user.role;
        token.mfa = user.mfa;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: token.sub ?? "",
        name: token.name ?? "",
        email: token.email ?? "",
        role: token.role ?? "USER",
      };
      return session;
    },
  },
};

import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { GlobalRole } from "@/core/roles";
import { signInSchema } from "@/lib/schemas/account";
import type { Db } from "@/server/db/client";
import { getDeps } from "@/server/deps";
import { authSecret } from "./secret";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./password";

declare module "next-auth" {
  interface User {
    role: GlobalRole;
    /** The user's sessionVersion when the session was issued. */
    sv: number;
  }
  interface Session {
    user: { id: string; name: string; email: string; role: GlobalRole };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sv?: number;
    role?: GlobalRole;
  }
}

/** One message for every failure, so sign-in never tells whether an email has an account. */
export const INVALID_CREDENTIALS = "Invalid email or password";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * Checks an email and password against the database. Unknown email, wrong password and disabled
 * account all yield null, after the same amount of scrypt work.
 */
export async function authenticate(db: Db, credentials: unknown) {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({ where: { email } });
  if (!user) return verifyAgainstDummy(password).then(() => null);
  const ok = await verifyPassword(password, user.passwordHash);
  if (!ok || user.disabled) return null;
  if (needsRehash(user.passwordHash)) {
    // Parameters were raised since this hash was made: upgrade it now that we know the password.
    await db.user
      .update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } })
      .catch(() => undefined);
  }
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
      },
      async authorize(credentials) {
        const user = await authenticate(getDeps().db, credentials);
        // Thrown (rather than returning null) so the client receives this exact message.
        if (!user) throw new Error(INVALID_CREDENTIALS);
        return user;
      },
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
    jwt({ token, user }) {
      // `user` is only present right after authorize(): copy the claims once.
      if (user) {
        token.sub = user.id;
        token.sv = user.sv;
        token.role = user.role;
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

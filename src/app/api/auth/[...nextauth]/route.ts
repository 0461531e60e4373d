import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

// next-auth v4's handlers for sign-in (credentials), sign-out, session and CSRF endpoints.
const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };

// After rotating SECRETS_KEYRING (a new key first, the old one kept after it), re-encrypts every
// secret the database holds under the new current key; then the old key can be removed.
//   npm run secrets:reseal
import { resealTotpSecrets } from "@/server/services/secret-rotation";
import { resealSigningKeys } from "@/server/security/signing-key";
import { resealSecretBallots } from "@/server/services/secret-ballot";
import { cliContext, runCli } from "./context";

runCli(async () => {
  const ctx = cliContext();
  try {
    console.log(`Re-encrypted ${await resealTotpSecrets(ctx)} TOTP secret(s)`);
    console.log(`Re-encrypted ${await resealSigningKeys(ctx)} signing key(s)`);
    console.log(`Re-encrypted ${await resealSecretBallots(ctx)} secret vote choice(s)`);
    return 0;
  } finally {
    await ctx.close();
  }
});

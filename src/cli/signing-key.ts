// Operates the server's Ed25519 key that signs exported records (see README, "Signing key").
//   npm run signing-key -- show             the current key id and public key, and retired keys
//   npm run signing-key -- rotate           new current key; the old one is kept, retired
//   npm run signing-key -- import key.pem   make an existing Ed25519 private key (PKCS#8 PEM) current
// After rotating SECRETS_KEYRING itself, `npm run secrets:reseal` re-encrypts these keys too.
import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { currentSigningKey, installSigningKey, publishedKeys } from "@/server/security/signing-key";
import { cliContext, runCli } from "./context";

const USAGE = "usage: npm run signing-key -- show | rotate | import <key.pem>";

runCli(async () => {
  const [command, arg] = process.argv.slice(2);
  if (!["show", "rotate", "import"].includes(command ?? "") || (command === "import" && !arg)) {
    console.error(USAGE);
    return 1;
  }
  const ctx = cliContext();
  try {
    if (command === "rotate") console.log(`New current signing key: ${await installSigningKey(ctx)}`);
    if (command === "import") {
      console.log(
        `Imported and made current: ${await installSigningKey(ctx, createPrivateKey(readFileSync(arg, "utf8")))}`,
      );
    }
    if (command === "show") await currentSigningKey(ctx);
    for (const k of await publishedKeys(ctx.db)) {
      console.log(
        `${k.current ? "current" : "retired"}  ${k.keyId}  created ${k.createdAt}${k.retiredAt ? `, retired ${k.retiredAt}` : ""}`,
      );
      if (k.current) console.log(k.publicKey.trim());
    }
    return 0;
  } finally {
    await ctx.close();
  }
});

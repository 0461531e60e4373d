import { homePath } from "@/lib/auth-paths";
import { authMetadata, signedOutTarget, type AuthPageProps } from "@/components/auth/authPage";
import { SignInForm } from "@/components/auth/SignInForm";

export const generateMetadata = authMetadata("signIn");

export default async function SignInPage(props: AuthPageProps) {
  const { locale, target } = await signedOutTarget(props);
  return <SignInForm target={target} showCallbackNotice={target !== homePath(locale)} />;
}

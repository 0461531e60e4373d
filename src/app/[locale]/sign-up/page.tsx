import { getTranslations } from "next-intl/server";
import { getDeps } from "@/server/deps";
import { accountStatus } from "@/server/services/accounts";
import { authMetadata, signedOutTarget, type AuthPageProps } from "@/components/auth/authPage";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { AuthCard } from "@/components/auth/AuthCard";

export const generateMetadata = authMetadata("signUp");

export default async function SignUpPage(props: AuthPageProps) {
  const { target } = await signedOutTarget(props);
  const [t, status] = await Promise.all([getTranslations("auth"), accountStatus(getDeps().db)]);
  return (
    <AuthCard title={t("signUp.title")} subtitle={t("signUp.subtitle")}>
      <SignUpForm target={target} firstAdmin={status.firstUserBecomesAdmin} />
    </AuthCard>
  );
}

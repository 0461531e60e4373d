import { accountTabMetadata, accountTabPage } from "@/components/account/accountTabPage";
import { ChangePasswordForm } from "@/components/account/ChangePasswordForm";

export const generateMetadata = accountTabMetadata("password");

/** Own password; also where an account with a one-time password must first choose its own. */
export default accountTabPage("password", ({ continueTo, t }) => (
  <section aria-labelledby="password-title" className="card p-6">
    <h2 id="password-title" className="text-lg font-semibold text-slate-900">
      {t("password.title")}
    </h2>
    <p className="mt-1 mb-5 text-sm text-slate-600">{t("password.intro")}</p>
    <ChangePasswordForm continueTo={continueTo} />
  </section>
));

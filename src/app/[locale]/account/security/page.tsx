import { accountTabMetadata, accountTabPage } from "@/components/account/accountTabPage";
import { TwoFactorPanel } from "@/components/account/TwoFactorPanel";

export const generateMetadata = accountTabMetadata("security");

/** Own 2FA; also where the policy sends an account that must enrol before anything else. */
export default accountTabPage("security", ({ email, continueTo }) => (
  <TwoFactorPanel email={email} continueTo={continueTo} />
));

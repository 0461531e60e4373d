import { getTranslations, setRequestLocale } from "next-intl/server";
import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { Link } from "@/i18n/navigation";
import { homePath } from "@/lib/auth-paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { getDeps } from "@/server/deps";
import { accountStatus } from "@/server/services/accounts";

type Props = { params: Promise<{ locale: string }> };

export default async function LandingPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  if (await getCurrentUser()) redirect(homePath(locale));

  const [t, status] = await Promise.all([getTranslations("common"), accountStatus(getDeps().db)]);
  const notice = status.firstUserBecomesAdmin
    ? t("landing.firstAdmin")
    : status.adminConfiguredByServer
      ? t("landing.adminConfigured")
      : null;

  const features = [
    { title: t("landing.features.tokenTitle"), body: t("landing.features.tokenBody"), icon: <TokenIcon /> },
    {
      title: t("landing.features.phasesTitle"),
      body: t("landing.features.phasesBody"),
      icon: <PhasesIcon />,
    },
    { title: t("landing.features.auditTitle"), body: t("landing.features.auditBody"), icon: <AuditIcon /> },
  ];

  return (
    <div className="mx-auto max-w-6xl px-4 py-14 sm:px-6 sm:py-20">
      <section aria-labelledby="landing-title" className="max-w-3xl">
        <p className="text-sm font-semibold uppercase tracking-wider text-accent-700">
          {t("landing.eyebrow")}
        </p>
        <h1
          id="landing-title"
          className="mt-3 text-4xl font-semibold tracking-tight text-slate-900 sm:text-5xl"
        >
          {t("landing.title")}
        </h1>
        <p className="mt-5 text-lg leading-relaxed text-slate-600">{t("landing.lead")}</p>

        <div className="mt-8 flex flex-wrap gap-3">
          <Link href="/sign-up" className="btn-primary px-5 py-2.5 text-base" data-testid="landing-sign-up">
            {t("landing.signUp")}
          </Link>
          <Link href="/sign-in" className="btn-secondary px-5 py-2.5 text-base" data-testid="landing-sign-in">
            {t("landing.signIn")}
          </Link>
        </div>

        {notice && (
          <div role="note" className="notice-info mt-8 flex items-start gap-2.5">
            <InfoIcon />
            <p data-testid="admin-notice">{notice}</p>
          </div>
        )}
      </section>

      <section aria-labelledby="features-title" className="mt-16">
        <h2 id="features-title" className="sr-only">
          {t("landing.featuresTitle")}
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {features.map((f) => (
            <li key={f.title} className="card p-5">
              <span className="grid size-9 place-items-center rounded-lg bg-accent-50 text-accent-700">
                {f.icon}
              </span>
              <h3 className="mt-3 font-semibold text-slate-900">{f.title}</h3>
              <p className="mt-1 text-sm leading-relaxed text-slate-600">{f.body}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function Icon({ children, className = "size-5" }: { children: ReactNode; className?: string }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
    >
      {children}
    </svg>
  );
}

function InfoIcon() {
  return (
    <Icon className="mt-0.5 size-4 shrink-0">
      <circle cx="12" cy="12" r="9" />
      <path d="M12 11v5M12 8h.01" />
    </Icon>
  );
}

function TokenIcon() {
  return (
    <Icon>
      <circle cx="12" cy="12" r="8" />
      <circle cx="12" cy="12" r="3" fill="currentColor" />
    </Icon>
  );
}

function PhasesIcon() {
  return (
    <Icon>
      <path d="M4 17h5v-4h5V9h6" />
      <path d="M17 6l3 3-3 3" />
    </Icon>
  );
}

function AuditIcon() {
  return (
    <Icon>
      <path d="M12 3l7 3v5c0 4.5-3 8-7 10-4-2-7-5.5-7-10V6z" />
      <path d="M9 12l2 2 4-4" />
    </Icon>
  );
}

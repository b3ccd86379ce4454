import { Page } from "../components/page.tsx";
import { useI18n } from "../i18n/i18n.tsx";
import { Link } from "../router/router.tsx";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page id="not-found" title={t("notFound.title")} state="ready">
      <p>
        {t("notFound.text")} <Link href="/">{t("nav.overview")}</Link>
      </p>
    </Page>
  );
}

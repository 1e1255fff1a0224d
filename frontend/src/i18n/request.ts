import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";

import { defaultLocale, isLocale, localeCookie, timeZone } from "@/i18n/config";

/** Locale comes from the toggle's cookie, not the URL: the dashboard has one URL per page. */
export default getRequestConfig(async () => {
  const store = await cookies();
  const cookieLocale = store.get(localeCookie)?.value;
  const locale = isLocale(cookieLocale) ? cookieLocale : defaultLocale;
  return {
    locale,
    timeZone,
    messages: (await import(`../../messages/${locale}.json`)).default,
  };
});

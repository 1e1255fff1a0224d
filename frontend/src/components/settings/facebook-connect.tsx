"use client";

import { Loader2, LogIn } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";

import { FormAlert } from "@/components/shared/form-alert";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { type EmbeddedSignupResult, useEmbeddedSignup } from "@/lib/api/hooks/whatsapp";
import { embeddedSignup } from "@/lib/env";

type FacebookSdk = {
  init(options: { appId: string; version: string; xfbml: boolean; cookie: boolean }): void;
  login(callback: (response: { authResponse?: { code?: string } | null }) => void, options: object): void;
};

declare global {
  interface Window {
    FB?: FacebookSdk;
  }
}

const GRAPH_VERSION = "v23.0";

function loadFacebookSdk(appId: string): Promise<FacebookSdk> {
  if (window.FB) return Promise.resolve(window.FB);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "https://connect.facebook.net/en_US/sdk.js";
    script.async = true;
    script.crossOrigin = "anonymous";
    script.onload = () => {
      if (!window.FB) return reject(new Error("Facebook SDK did not load"));
      window.FB.init({ appId, version: GRAPH_VERSION, xfbml: false, cookie: true });
      resolve(window.FB);
    };
    script.onerror = () => reject(new Error("Facebook SDK did not load"));
    document.body.append(script);
  });
}

/** Facebook's WA_EMBEDDED_SIGNUP message (the simulator sends the same, with the code in it). */
function parseSignupMessage(data: unknown): { phone_number_id?: string; waba_id?: string; code?: string; cancelled: boolean } | null {
  try {
    const message = typeof data === "string" ? JSON.parse(data) : data;
    if (!message || message.type !== "WA_EMBEDDED_SIGNUP") return null;
    if (message.event === "FINISH" || message.event === "FINISH_ONLY_WABA") {
      return { ...message.data, cancelled: false };
    }
    return { cancelled: true };
  } catch {
    return null;
  }
}

/** "Connect with Facebook": Meta's Embedded Signup, the main way to connect a number. */
export function FacebookConnect({ botId }: { botId: string }) {
  const t = useTranslations("settings.whatsapp.facebook");
  const message = useErrorMessage();
  const connect = useEmbeddedSignup(botId);
  const [error, setError] = useState<string | undefined>();
  const [waiting, setWaiting] = useState(false);
  const pending = useRef<Partial<EmbeddedSignupResult>>({});
  const available = Boolean(embeddedSignup.simulatorUrl || (embeddedSignup.appId && embeddedSignup.configId));

  function finish() {
    const { code, phone_number_id, business_account_id } = pending.current;
    if (!code || !phone_number_id || !business_account_id) return;
    pending.current = {};
    setWaiting(false);
    connect.mutate(
      { code, phone_number_id, business_account_id },
      { onSuccess: () => toast.success(t("connected")), onError: (e) => setError(message(e)) },
    );
  }

  useEffect(() => {
    const allowed = embeddedSignup.simulatorUrl ? new URL(embeddedSignup.simulatorUrl).origin : null;
    function onMessage(event: MessageEvent) {
      const fromFacebook = /^https:\/\/([a-z0-9-]+\.)*facebook\.com$/.test(event.origin);
      if (!fromFacebook && event.origin !== allowed) return;
      const signup = parseSignupMessage(event.data);
      if (!signup) return;
      if (signup.cancelled) {
        pending.current = {};
        setWaiting(false);
        setError(t("cancelled"));
        return;
      }
      pending.current = {
        ...pending.current,
        phone_number_id: signup.phone_number_id,
        business_account_id: signup.waba_id,
        ...(signup.code ? { code: signup.code } : {}),
      };
      finish();
    }
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
    // finish only reads refs and stable mutation handles
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function start() {
    setError(undefined);
    pending.current = {};
    setWaiting(true);
    if (embeddedSignup.simulatorUrl) {
      const url = `${embeddedSignup.simulatorUrl}?origin=${encodeURIComponent(window.location.origin)}`;
      if (!window.open(url, "svontai-whatsapp-signup", "popup,width=520,height=680")) {
        setWaiting(false);
        setError(t("popupBlocked"));
      }
      return;
    }
    try {
      const fb = await loadFacebookSdk(embeddedSignup.appId);
      fb.login(
        (response) => {
          const code = response.authResponse?.code;
          if (!code) {
            setWaiting(false);
            setError(t("cancelled"));
            return;
          }
          pending.current = { ...pending.current, code };
          finish();
        },
        {
          config_id: embeddedSignup.configId,
          response_type: "code",
          override_default_response_type: true,
          extras: { setup: {}, featureType: "", sessionInfoVersion: "3" },
        },
      );
    } catch {
      setWaiting(false);
      setError(t("sdkFailed"));
    }
  }

  if (!available) return null;
  const busy = waiting || connect.isPending;
  return (
    <Card data-testid="facebook-connect">
      <CardHeader>
        <CardTitle className="text-lg">{t("title")}</CardTitle>
        <CardDescription>{t("subtitle")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        <FormAlert message={error} />
        <Button type="button" onClick={start} disabled={busy} className="bg-[#0866FF] text-white hover:bg-[#0759E0]" data-testid="facebook-connect-button">
          {busy ? <Loader2 className="animate-spin" /> : <LogIn />} {t("button")}
        </Button>
        <p className="text-xs text-muted-foreground">{t("hint")}</p>
      </CardContent>
    </Card>
  );
}

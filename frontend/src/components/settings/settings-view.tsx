"use client";

import { useTranslations } from "next-intl";

import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { NotificationSettings } from "@/components/settings/notification-settings";
import { PrivacySettings } from "@/components/settings/privacy-settings";
import { ProfileSettings } from "@/components/settings/profile-settings";
import { SavedRepliesSettings } from "@/components/settings/saved-replies-settings";
import { SecuritySettings } from "@/components/settings/security-settings";
import { TeamSettings } from "@/components/settings/team-settings";
import { TenantSettings } from "@/components/settings/tenant-settings";
import { WhatsAppSettings } from "@/components/settings/whatsapp-settings";
import { PageHeader } from "@/components/shared/page-header";
import { useMyRole } from "@/components/shared/use-members";

export type SettingsTab = "profile" | "security" | "notifications" | "tenant" | "team" | "replies" | "whatsapp" | "privacy";

export function SettingsView({ initialTab, initialBotId }: { initialTab: SettingsTab; initialBotId: string | null }) {
  const t = useTranslations("settings");
  // The privacy tab is for admins and the owner; an agent who opens its URL reads why it is empty.
  const canManagePrivacy = useMyRole() !== "agent";
  return (
    <div className="min-w-0 space-y-6">
      <PageHeader title={t("title")} description={t("subtitle")} />
      <Tabs defaultValue={initialTab} className="min-w-0">
        {/* On a phone the tabs wrap instead of widening the page. */}
        <TabsList className="h-auto w-full flex-wrap justify-start sm:w-fit">
          <TabsTrigger value="profile">{t("tabs.profile")}</TabsTrigger>
          <TabsTrigger value="security" data-testid="security-tab">
            {t("tabs.security")}
          </TabsTrigger>
          <TabsTrigger value="notifications" data-testid="notifications-tab">
            {t("tabs.notifications")}
          </TabsTrigger>
          <TabsTrigger value="tenant" data-testid="tenant-tab">
            {t("tabs.tenant")}
          </TabsTrigger>
          <TabsTrigger value="team" data-testid="team-tab">
            {t("tabs.team")}
          </TabsTrigger>
          <TabsTrigger value="replies" data-testid="saved-replies-tab">
            {t("tabs.replies")}
          </TabsTrigger>
          <TabsTrigger value="whatsapp" data-testid="whatsapp-tab">
            {t("tabs.whatsapp")}
          </TabsTrigger>
          {canManagePrivacy && (
            <TabsTrigger value="privacy" data-testid="privacy-tab">
              {t("tabs.privacy")}
            </TabsTrigger>
          )}
        </TabsList>
        <TabsContent value="profile">
          <ProfileSettings />
        </TabsContent>
        <TabsContent value="security">
          <SecuritySettings />
        </TabsContent>
        <TabsContent value="notifications">
          <NotificationSettings />
        </TabsContent>
        <TabsContent value="tenant">
          <TenantSettings />
        </TabsContent>
        <TabsContent value="team">
          <TeamSettings />
        </TabsContent>
        <TabsContent value="replies">
          <SavedRepliesSettings />
        </TabsContent>
        <TabsContent value="whatsapp">
          <WhatsAppSettings initialBotId={initialBotId} />
        </TabsContent>
        {/* Without its trigger (an agent's), the panel is named by its own label. */}
        <TabsContent value="privacy" {...(canManagePrivacy ? {} : { "aria-labelledby": undefined, "aria-label": t("tabs.privacy") })}>
          <PrivacySettings canManage={canManagePrivacy} />
        </TabsContent>
      </Tabs>
    </div>
  );
}

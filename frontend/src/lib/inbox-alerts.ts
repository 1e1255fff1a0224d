"use client";

import { useSyncExternalStore } from "react";

/**
 * How the dashboard calls for attention when a conversation is handed to the team: a short
 * beep (Web Audio, no sound file) and, with the user's permission, a desktop notification.
 */

let audio: AudioContext | null = null;

/** Whether the user has clicked or typed in the page yet: browsers only allow sound after that. */
function hasInteracted(): boolean {
  return navigator.userActivation?.hasBeenActive ?? false;
}

/** A short two-tone beep; nothing before the user's first interaction, or where audio is unavailable. */
export function beep() {
  if (!hasInteracted() || typeof AudioContext === "undefined") return;
  try {
    audio ??= new AudioContext();
    if (audio.state === "suspended") void audio.resume();
    const start = audio.currentTime;
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.type = "sine";
    tone.frequency.setValueAtTime(880, start);
    tone.frequency.setValueAtTime(1320, start + 0.12);
    volume.gain.setValueAtTime(0.0001, start);
    volume.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
    volume.gain.exponentialRampToValueAtTime(0.0001, start + 0.3);
    tone.connect(volume).connect(audio.destination);
    tone.start(start);
    tone.stop(start + 0.32);
  } catch {
    // No sound rather than an error: the badge and the title still tell.
  }
}

function notificationsSupported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

/** A desktop notification, if the user allowed them; a click brings the dashboard forward and runs `onClick`. */
export function notify(title: string, body: string, onClick: () => void) {
  if (!notificationsSupported() || Notification.permission !== "granted") return;
  try {
    const notification = new Notification(title, { body, tag: "svontai-inbox", icon: "/favicon.svg" });
    notification.onclick = () => {
      window.focus();
      onClick();
      notification.close();
    };
  } catch {
    // Some mobile browsers only notify through a service worker: nothing to show there.
  }
}

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}
const changed = () => listeners.forEach((listener) => listener());

export type NotificationState = NotificationPermission | "unsupported";

/** The page's notification permission ("unsupported" on the server and in browsers without them). */
export function useNotificationPermission(): NotificationState {
  return useSyncExternalStore(
    subscribe,
    () => (notificationsSupported() ? Notification.permission : "unsupported"),
    () => "unsupported",
  );
}

/** Asks for the permission (only ever from a click: browsers ignore or penalise asking unprompted). */
export async function requestNotifications() {
  if (!notificationsSupported()) return;
  try {
    await Notification.requestPermission();
  } finally {
    changed();
  }
}

const promptDismissedKey = "svontai-notification-prompt";

/** Whether the user closed the "turn on desktop notifications" prompt (in this browser). */
export function useNotificationPromptDismissed(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => localStorage.getItem(promptDismissedKey) === "dismissed",
    () => true,
  );
}

export function dismissNotificationPrompt() {
  localStorage.setItem(promptDismissedKey, "dismissed");
  changed();
}

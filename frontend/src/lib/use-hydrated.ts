"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** `false` in the server-rendered HTML and until React has hydrated the page, then `true`. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

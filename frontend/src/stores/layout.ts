import { create } from "zustand";

type LayoutState = {
  /** Mobile navigation sheet. */
  mobileNavOpen: boolean;
  setMobileNavOpen: (open: boolean) => void;
};

export const useLayoutStore = create<LayoutState>()((set) => ({
  mobileNavOpen: false,
  setMobileNavOpen: (mobileNavOpen) => set({ mobileNavOpen }),
}));

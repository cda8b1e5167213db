/** App-wide settings: what the app says about itself and whether support mode is on. */
import { create } from 'zustand';
import type { AppInfo } from '../../src-main/shared/dto';
import { call } from '../bridge';

/** Settings state. */
export interface SettingsState {
  readonly info: AppInfo | null;
  readonly isSupportMode: boolean;
}

/** The settings store. */
export const useSettingsStore = create<SettingsState>()(() => ({ info: null, isSupportMode: false }));

/** Loads app:info once at start (version, door, recent targets). */
export async function loadAppInfo(): Promise<void> {
  try {
    const info = await call('app:info', {});
    useSettingsStore.setState({ info });
  } catch {
    // The start screen works without it; recent targets are simply not offered.
  }
}

/** Turns support mode on or off. */
export function setSupportMode(isSupportMode: boolean): void {
  useSettingsStore.setState({ isSupportMode });
}

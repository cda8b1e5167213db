/** The Electron fuses flipped in the packaged binary (Electron docs, "Fuses"): no Node mode, no inspector, app only from an intact asar. */
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/** Name of a fuse in @electron/fuses' FuseV1Options. */
export type FuseName = Exclude<keyof typeof FuseV1Options, number>;

/**
 * The fuse list, by name. GrantFileProtocolExtraPrivileges stays at Electron's default because the
 * renderer is loaded from file:// as module scripts, which need it.
 */
export const FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  OnlyLoadAppFromAsar: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  EnableCookieEncryption: true,
} as const satisfies Partial<Record<FuseName, boolean>>;

/** Pure: FUSES as the @electron/fuses config; `resetAdHocDarwinSignature` for macOS arm64, which refuses a binary whose ad-hoc signature no longer matches. */
export function fuseConfig(options: { isMacArm64: boolean }): FuseV1Config {
  const config: FuseV1Config = { version: FuseVersion.V1, resetAdHocDarwinSignature: options.isMacArm64 };
  for (const [name, value] of Object.entries(FUSES) as [FuseName, boolean][]) config[FuseV1Options[name]] = value;
  return config;
}

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface PackContextLike {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  /** electron-builder's Arch enum value (arm64 = 3). */
  readonly arch: number;
  readonly packager: { readonly appInfo: { readonly productFilename: string }; readonly executableName?: string };
}

/** electron-builder's Arch.arm64. */
const ARCH_ARM64 = 3;

/** Pure: the Electron binary (or .app bundle) inside the packed output, named as electron-builder names it. */
export function packedBinaryPath(context: PackContextLike, join: (...parts: string[]) => string): string {
  const platform = context.electronPlatformName;
  if (platform === 'darwin' || platform === 'mas') return join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`);
  if (platform === 'win32') return join(context.appOutDir, `${context.packager.appInfo.productFilename}.exe`);
  return join(context.appOutDir, context.packager.executableName ?? context.packager.appInfo.productFilename);
}

/** Pure: whether this pack is macOS on arm64. */
export function isMacArm64(context: PackContextLike): boolean {
  return (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && context.arch === ARCH_ARM64;
}

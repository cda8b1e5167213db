import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUSES, fuseConfig, isMacArm64, packedBinaryPath, type PackContextLike } from './fuses';

describe('FUSES', () => {
  it('turns off Node mode, NODE_OPTIONS and the inspector, and requires an intact asar with encrypted cookies', () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      EnableCookieEncryption: true,
    });
  });
  it('maps onto the real @electron/fuses wire positions', () => {
    const config = fuseConfig({ isMacArm64: false }) as Record<string | number, unknown>;
    expect(config['version']).toBe(FuseVersion.V1);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
    // file:// module scripts need this one left alone.
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBeUndefined();
  });
});

describe('packedBinaryPath', () => {
  const ctx = (electronPlatformName: string, arch = 1): PackContextLike => ({
    appOutDir: '/out/x',
    electronPlatformName,
    arch,
    packager: { appInfo: { productFilename: 'RDP Doctor' }, executableName: 'rdp-doctor' },
  });
  it('names the binary as electron-builder does per platform', () => {
    expect(packedBinaryPath(ctx('win32'), posix.join)).toBe('/out/x/RDP Doctor.exe');
    expect(packedBinaryPath(ctx('darwin'), posix.join)).toBe('/out/x/RDP Doctor.app');
    expect(packedBinaryPath(ctx('linux'), posix.join)).toBe('/out/x/rdp-doctor');
  });
  it('resets the ad-hoc signature only for macOS arm64', () => {
    expect(isMacArm64(ctx('darwin', 3))).toBe(true);
    expect(isMacArm64(ctx('darwin', 1))).toBe(false);
    expect(isMacArm64(ctx('win32', 3))).toBe(false);
    expect(fuseConfig({ isMacArm64: true }).resetAdHocDarwinSignature).toBe(true);
  });
});

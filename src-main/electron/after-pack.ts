/** electron-builder afterPack hook (built to dist/hooks/after-pack.cjs): flips FUSES in the packed binary before signing. */
import { flipFuses } from '@electron/fuses';
import { join } from 'node:path';
import { fuseConfig, isMacArm64, packedBinaryPath, type PackContextLike } from './fuses';

/** Flips the fuses; electron-builder calls this once per platform/arch after packing and before signing. */
export async function afterPack(context: PackContextLike): Promise<void> {
  const binary = packedBinaryPath(context, join);
  const changed = await flipFuses(binary, fuseConfig({ isMacArm64: isMacArm64(context) }));
  console.log(`  • fuses flipped in ${binary} (${changed} changed)`);
}

export default afterPack;

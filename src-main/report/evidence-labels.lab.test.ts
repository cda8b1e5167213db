// Every field real evidence carries has a label or is left to the JSON on purpose, and every label names a real field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closedPort, startGatewayStandin, startHostile, startShadow, startXrdp, stopAll } from '../../e2e/lab';
import { COMMON_FIELDS, COMMON_OMIT, EVIDENCE_LABELS } from '../shared/evidence/labels';
import type { CheckId } from '../shared/ids';
import type { DiagnoseRequest } from '../shared/dto';
import type { Report } from '../shared/schema';
import { runDiagnosis } from '../service/diagnosis';
import { createNodeDeps } from '../service/node-deps';
import { evidenceBlocks } from './evidence-view';

const MACHINES = resolve(__dirname, '..', '..', 'e2e', 'fixtures', 'windows');
let home: string;
const reports: Report[] = [];

async function diagnose(target: string, extra: Partial<DiagnoseRequest> = {}, replay = ''): Promise<Report> {
  const deps = createNodeDeps({ door: 'browser', dataDir: home, env: replay ? { RDP_DOCTOR_REPLAY: replay } : {} });
  return runDiagnosis('t', { target, timeoutMs: 4000, ...extra }, deps, () => {}, new AbortController().signal);
}

/** Every leaf path of a value: lists add no step, empty lists and records count as leaves. */
function leafPaths(node: unknown, path: string, out: Set<string>): void {
  if (Array.isArray(node)) {
    if (node.length === 0) out.add(path);
    for (const item of node) leafPaths(item, path, out);
  } else if (node !== null && typeof node === 'object') {
    const entries = Object.entries(node);
    if (entries.length === 0 && path) out.add(path);
    for (const [k, v] of entries) leafPaths(v, path ? `${path}.${k}` : k, out);
  } else out.add(path);
}

const under = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix}.`);

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'rdp-doctor-labels-'));
  const [xrdp, legacy, shadow, gateway, notHttp, httpBanner, badCertificate, closed] = await Promise.all([
    startXrdp({ securityLayer: 'tls', cert: 'expired' }),
    startXrdp({ securityLayer: 'rdp' }),
    startShadow(),
    startGatewayStandin({ basic: true }),
    startGatewayStandin({ mode: 'not-http' }),
    startHostile('http-banner'),
    startHostile('malformed-certificate'),
    closedPort(),
  ]);
  const network = [
    diagnose(`127.0.0.1:${xrdp.port}`, { gateway: `127.0.0.1:${gateway.port}` }),
    diagnose(`localhost:${legacy.port}`, { gateway: `127.0.0.1:${notHttp.port}` }),
    diagnose(`127.0.0.1:${shadow.port}`),
    diagnose(`127.0.0.1:${httpBanner.port}`),
    diagnose(`127.0.0.1:${badCertificate.port}`),
    diagnose(`127.0.0.1:${closed}`),
    diagnose('nothing-here.invalid'),
  ];
  // The recorded Windows machines name 127.0.0.1, so against the lab xrdp their client evidence is about this target.
  const windows = readdirSync(MACHINES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => diagnose(`127.0.0.1:${xrdp.port}`, {}, join(MACHINES, d.name)));
  reports.push(...(await Promise.all([...network, ...windows])));
}, 180_000);

afterAll(async () => {
  await stopAll();
  rmSync(home, { recursive: true, force: true });
});

describe('evidence labels against real evidence', () => {
  it('every field of every check that ran is labelled, in a labelled table, or left to the JSON on purpose', () => {
    const missing = new Set<string>();
    for (const report of reports) {
      for (const c of report.checks) {
        if (c.status === 'skip') continue;
        const labels = EVIDENCE_LABELS[c.id];
        const covered = [...Object.keys(labels.fields), ...Object.keys(labels.tables ?? {}), ...(labels.omit ?? []), ...Object.keys(COMMON_FIELDS), ...COMMON_OMIT];
        const paths = new Set<string>();
        leafPaths(c.evidence, '', paths);
        // A record that is null here (no gateway answer, no earlier certificate) counts as covered when its fields are labelled.
        const labelsBelow = (p: string): boolean => covered.some((label) => label.startsWith(`${p}.`));
        for (const p of paths) if (!covered.some((prefix) => under(p, prefix)) && !labelsBelow(p)) missing.add(`${c.id}: ${p}`);
      }
    }
    expect([...missing].sort()).toEqual([]);
  });

  it('every labelled field exists in real evidence (it, or the record it sits in)', () => {
    const seen = new Map<CheckId, Set<string>>();
    for (const report of reports) {
      for (const c of report.checks) {
        const paths = seen.get(c.id) ?? new Set<string>();
        leafPaths(c.evidence, '', paths);
        seen.set(c.id, paths);
      }
    }
    const stale: string[] = [];
    for (const [id, labels] of Object.entries(EVIDENCE_LABELS) as [CheckId, (typeof EVIDENCE_LABELS)[CheckId]][]) {
      const paths = [...(seen.get(id) ?? [])];
      for (const label of [...Object.keys(labels.fields), ...Object.keys(labels.tables ?? {})]) {
        const parts = label.split('.');
        const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
        if (!paths.some((p) => prefixes.some((prefix) => under(p, prefix)))) stale.push(`${id}: ${label}`);
      }
    }
    expect(stale).toEqual([]);
  });

  it('no cell of any evidence table holds raw JSON', () => {
    for (const report of reports) {
      for (const c of report.checks) {
        for (const block of evidenceBlocks(c.id, c.evidence)) {
          const cells = block.kind === 'rows' ? block.rows.flat() : [...block.columns, ...block.rows.flat()];
          for (const cell of cells) expect(cell, `${c.id}`).not.toMatch(/^[[{]|"\w+":|\[object /);
        }
      }
    }
  });
});

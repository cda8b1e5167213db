/** Evidence labels of the wire checks, one table per check id. */
import type { EvidenceLabels } from './label-types';

/** dns.resolve */
export const DNS_RESOLVE: EvidenceLabels = {
  fields: {
    host: 'Name looked up',
    addresses: 'Addresses found',
    dnsServers: 'DNS servers asked',
    onlySystem: 'Only from this computer (hosts file, cache)',
    onlyDns: 'Only from DNS',
    'failure.message': 'Why it failed',
    'system.error.message': 'Lookup through this computer',
    'directA.error.message': 'DNS query for IPv4 (A)',
    'directAaaa.error.message': 'DNS query for IPv6 (AAAA)',
  },
  omit: ['isAddress', 'addressDetails', 'system', 'directA', 'directAaaa', 'reserved', 'failure'],
};

/** dns.reverse */
export const DNS_REVERSE: EvidenceLabels = {
  fields: { host: 'Name', otherNames: 'Other names of these addresses' },
  tables: {
    lookups: {
      title: 'Reverse lookups',
      columns: { address: 'Address', names: 'Names found', matchesTarget: 'Matches the name', 'ptr.error.message': 'DNS error', 'system.error.message': 'Error on this computer' },
    },
  },
  omit: ['isAddress'],
};

/** net.tcp */
export const NET_TCP: EvidenceLabels = {
  fields: {
    host: 'Computer',
    port: 'Port',
    verdict: 'Result',
    open: 'Open on',
    refused: 'Refused by',
    timedOut: 'No answer from',
    unreachable: 'Unreachable',
    otherFailures: 'Other failures',
    'latency.medianMs': { label: 'Median time to connect', as: 'ms' },
    'latency.minMs': { label: 'Fastest', as: 'ms' },
    'latency.maxMs': { label: 'Slowest', as: 'ms' },
    'latency.attempts': 'Connects in the sample',
    'latency.answered': 'Answered',
    'latency.lossRatio': { label: 'Lost', as: 'ratio' },
    'latency.retries': 'Connection requests sent again',
    highLatency: 'Slow path',
    packetLoss: 'Losing connections',
  },
  tables: {
    attempts: { title: 'Connection attempts', columns: { address: 'Address', kind: 'Result', ms: { label: 'Time', as: 'ms' }, message: 'Details' } },
  },
  omit: ['latency'],
};

/** rdp.negotiation */
export const RDP_NEGOTIATION: EvidenceLabels = {
  fields: {
    service: 'What answered',
    supported: 'Security protocols accepted',
    nlaRequired: 'Network Level Authentication required',
    rdpSecurityAllowed: 'Standard RDP Security allowed',
    rdpSecurityOnly: 'Only Standard RDP Security',
    legacyServer: 'Old server (no negotiation)',
  },
  tables: {
    probes: {
      title: 'What was asked and what the server chose',
      columns: {
        protocol: 'Probe',
        requestedProtocols: { label: 'Asked for', as: 'protocols' },
        'outcome.kind': 'Answer',
        'outcome.protocolName': 'Server chose',
        'outcome.codeName': 'Refused with',
        'outcome.reason': 'Details',
        'outcome.message': 'Error',
        totalMs: { label: 'Time', as: 'ms' },
      },
    },
  },
  omit: ['failures'],
};

/** tls.handshake */
export const TLS_HANDSHAKE: EvidenceLabels = {
  fields: {
    requestedProtocols: { label: 'Security protocol asked for', as: 'protocols' },
    'negotiated.version': 'TLS version chosen',
    'negotiated.cipher': 'Cipher',
    okVersions: 'TLS versions that work',
    servername: 'Name sent (SNI)',
    'defaultAttempt.error': 'Default handshake',
  },
  tables: {
    versions: {
      title: 'TLS versions tried one by one',
      keyColumn: 'Version',
      columns: { ok: 'Works', selectedProtocol: 'Security protocol', 'alert.name': 'Alert', error: 'Error' },
    },
  },
  omit: ['chain', 'chainSource', 'defaultAttempt'],
};

/** tls.certificate */
export const TLS_CERTIFICATE: EvidenceLabels = {
  fields: {
    subject: 'Subject',
    issuer: 'Issued by',
    dnsNames: 'Names (SAN)',
    ipAddresses: 'Addresses (SAN)',
    notBefore: { label: 'Valid from', as: 'date' },
    notAfter: { label: 'Valid until', as: 'date' },
    daysLeft: { label: 'Time left', as: 'days-left' },
    validity: 'Validity',
    selfSigned: 'Self-signed',
    'nameMatch.host': 'Name asked for',
    'nameMatch.matches': 'Names that computer',
    'nameMatch.matchedBy': 'Matched by',
    serverAuth: 'Server authentication usage (EKU)',
    'key.type': 'Key type',
    'key.bits': 'Key size (bits)',
    'key.curve': 'Curve',
    'key.weak': 'Weak key',
    'signatureAlgorithm.name': 'Signature',
    'signatureAlgorithm.weak': 'Weak signature',
    serialNumber: 'Serial number',
    sha1: 'SHA-1 thumbprint',
    sha256: 'SHA-256 thumbprint',
    chainLength: 'Certificates sent',
    chainSubjects: 'Rest of the chain',
    'knownHost.status': 'Compared with last time',
    'knownHost.previous.sha256': 'SHA-256 thumbprint last time',
    'knownHost.previous.firstSeen': { label: 'First seen', as: 'date' },
    'knownHost.previous.lastSeen': { label: 'Last seen', as: 'date' },
  },
  tables: { problems: { title: 'Problems', columns: { message: 'Problem' } } },
  // An unreadable certificate's error is the check's summary.
  omit: ['ok', 'error', 'host', 'port', 'commonName', 'issuerCommonName', 'signatureAlgorithm.oid', 'knownHost.key', 'knownHost.previous.subject'],
};

/** credssp.ntlm-info */
export const CREDSSP_NTLM_INFO: EvidenceLabels = {
  fields: {
    available: 'Server revealed its identity',
    netbiosComputer: 'Computer name (NetBIOS)',
    netbiosDomain: 'Domain or workgroup (NetBIOS)',
    dnsComputer: 'Computer name (DNS)',
    dnsDomain: 'Domain (DNS)',
    dnsTree: 'Forest (DNS)',
    targetName: 'Target name',
    osVersion: 'Windows version',
    osBuild: 'Windows build',
    serverTime: { label: "Server's clock", as: 'date' },
    clockSkewSeconds: { label: 'Clock difference', as: 'seconds' },
    nameMatchesTarget: 'Names the computer asked for',
    warnings: 'Warnings',
    tlsVersion: 'TLS version',
    tsRequestVersion: 'CredSSP (TSRequest) version',
  },
};

/** gateway.probe */
export const GATEWAY_PROBE: EvidenceLabels = {
  fields: {
    gateway: 'Gateway',
    source: 'Set in',
    answerText: 'What it answered',
    reachedStage: 'Got as far as',
    'failure.message': 'What failed',
    'http.statusCode': 'HTTP status',
    'http.statusText': 'HTTP status text',
    'http.server': 'Server software',
    'http.authSchemes': 'Sign-in methods offered',
    'tls.version': 'TLS version',
    'tls.authorized': 'Certificate trusted',
    'tls.authorizationError': 'Why not trusted',
    'certificate.subject': 'Certificate subject',
    'certificate.issuer': 'Certificate issued by',
    'certificate.dnsNames': 'Certificate names (SAN)',
    'certificate.notAfter': { label: 'Certificate valid until', as: 'date' },
    'certificate.sha1': 'Certificate SHA-1 thumbprint',
    rawPreview: 'Answer (not HTTP)',
    totalMs: { label: 'Time', as: 'ms' },
  },
  tables: { 'http.headers': { title: 'Response headers', keyColumn: 'Header', columns: { '': 'Value' } } },
  omit: ['host', 'port', 'chain', 'certificate', 'http.httpVersion', 'http.ms', 'answer', 'ok', 'tls.cipher', 'tls.ms', 'connect', 'failure'],
};

/** alt.ip-vs-name */
export const ALT_IP_VS_NAME: EvidenceLabels = {
  fields: {
    host: 'Name',
    port: 'Port',
    verdict: 'Result',
    systemAddresses: 'Addresses of the name',
    workingAddresses: 'Addresses that answer',
    failingAddresses: 'Addresses that do not answer',
    'byName.kind': 'Connecting by name',
    'byName.message': 'Connecting by name: details',
  },
  tables: { byAddress: { title: 'Connecting by address', columns: { address: 'Address', source: 'Found by', kind: 'Result', ms: { label: 'Time', as: 'ms' } } } },
  omit: ['byName'],
};
